"""The synthetic set's reference rows: countries, ministries, people (each with an alias
and an office) and sources, inserted in bulk before the contacts that point at them."""

import string

import numpy as np

from ..text import family_key, name_key, sound_key
from .bulk import insert_rows, next_id
from .generator import ROLES, syllable_word

SOURCE_COLUMNS = [
    "id",
    "slug",
    "title",
    "outlet_id",
    "url",
    "reported_date",
    "published_date",
    "text",
    "notes",
]
OFFICE_COLUMNS = [
    "id",
    "person_id",
    "title",
    "role",
    "organisation_id",
    "country_id",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
]


def country_codes(count, taken):
    codes = (a + b for a in string.ascii_uppercase for b in string.ascii_uppercase)
    return [code for code in codes if code not in taken][:count]


def insert_countries(g):
    """The countries' ids (two-letter codes no existing country has)."""
    from ..models import Country

    taken = set(Country.objects.values_list("code", flat=True))
    country_id0 = next_id("contacts_country")
    codes = country_codes(g.countries, taken)
    insert_rows(
        "contacts_country",
        ["id", "code", "name"],
        [(country_id0 + i, code, f"Synthetic {code}") for i, code in enumerate(codes)],
    )
    return [country_id0 + i for i in range(len(codes))]


def insert_organisations(g, seed, country_ids):
    """The first ministry's id; the others follow it. Each with the keys a search finds it
    by (`Organisation.name_keys`, as its save would write them)."""
    from ..models import Organisation

    org0 = next_id("contacts_organisation")
    names = [f"Synthetic ministry {seed}-{i}" for i in range(g.organisations)]
    insert_rows(
        "contacts_organisation",
        ["id", "name", "abbreviation", "other_names", "kind", "country_id", "parent_id"],
        [
            (org0 + i, name, "", "", "government", g.rng.choice(country_ids), None)
            for i, name in enumerate(names)
        ],
    )
    insert_rows(
        "contacts_organisationname",
        ["organisation_id", "name_key"],
        [
            (org0 + i, key)
            for i, name in enumerate(names)
            for key in Organisation(name=name).name_keys()
        ],
    )
    return org0


DERIVED = ["family_key", "sound_key"]  # as a name's `fill_derived_fields` fills them


def derived(key):
    return family_key(key) or None, sound_key(key) or None


def insert_people(g, seed, country_ids, org0):
    """(first person's id, names, countries' ids as an array), each person with an alias
    ("<name> Jr") and a ministerial office."""
    person0 = next_id("contacts_person")
    alias0, office0 = next_id("contacts_personalias"), next_id("contacts_officeholding")
    people, aliases, offices, names, countries = [], [], [], [], []
    for i in range(g.people):
        name = f"{syllable_word(g.rng, 2).title()} {syllable_word(g.rng, 3).title()} {i}"
        country = g.rng.choice(country_ids)
        names.append(name)
        countries.append(country)
        key, alias = name_key(name), f"{name} Jr"
        people.append((person0 + i, name, f"synthetic-{seed}-{i}", key, *derived(key), country, ""))
        key = name_key(alias)
        aliases.append((alias0 + i, person0 + i, alias, "spelling", key, *derived(key), False))
        office = ("Minister", g.rng.choice(ROLES), org0 + i % g.organisations, country)
        offices.append((office0 + i, person0 + i, *office, None, "day", None, "day"))
    person_columns = ["id", "name", "slug", "name_key", *DERIVED, "country_id", "notes"]
    insert_rows("contacts_person", person_columns, people)
    alias_columns = ["id", "person_id", "name", "kind", "name_key", *DERIVED, "shared"]
    insert_rows("contacts_personalias", alias_columns, aliases)
    insert_rows("contacts_officeholding", OFFICE_COLUMNS, offices)
    return person0, names, np.array(countries)


class Sources:
    """The sources' rows, four sentences each; `excerpt(source, n)` is sentence n of one."""

    def __init__(self, g):
        self.g = g
        self.first_id = next_id("contacts_source")
        self.sentences = g.draw.integers(0, len(g.sentences), (g.sources, 4))
        self.rare = g.rare_words((g.sources, 4))
        self.days = g.recent_days(g.sources).tolist()

    def excerpt(self, source, n):
        g = self.g
        sentence = g.sentences[self.sentences[source, n]]
        return f"{sentence} {g.vocabulary[self.rare[source, n]]} {source}-{n}."

    def insert(self, seed, batch):
        g = self.g
        for first in range(0, g.sources, batch):
            rows = [
                (self.first_id + i, f"synthetic-{seed}-{i}", f"Synthetic report {i}", None)
                + (f"https://example.org/{seed}/{i}", None, g.days[self.days[i]])
                + (" ".join(self.excerpt(i, n) for n in range(4)), "")
                for i in range(first, min(first + batch, g.sources))
            ]
            insert_rows("contacts_source", SOURCE_COLUMNS, rows)
