"""Inserting the synthetic set: reference data first, then contacts with their link rows."""

import datetime
import hashlib
import string

from .bulk import insert_rows, next_id
from .models.contacts import CAMEO_CODES
from .synthetic import KIND_WEIGHTS, KINDS, MEDIA, ROLES, Generator, syllable_word

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


def country_codes(count, taken):
    codes = (a + b for a in string.ascii_uppercase for b in string.ascii_uppercase)
    return [code for code in codes if code not in taken][:count]


def generate(contacts, seed=0, batch=20_000, progress=None):
    """Insert the synthetic set; returns row counts. Call inside a transaction."""
    from .models import Country

    g = Generator(contacts, seed)
    counts = {}
    taken = set(Country.objects.values_list("code", flat=True))
    country_id0 = next_id("contacts_country")
    codes = country_codes(g.countries, taken)
    insert_rows(
        "contacts_country",
        ["id", "code", "name"],
        [(country_id0 + i, code, f"Synthetic {code}") for i, code in enumerate(codes)],
    )
    country_ids = [country_id0 + i for i in range(len(codes))]

    org0 = next_id("contacts_organisation")
    insert_rows(
        "contacts_organisation",
        ["id", "name", "abbreviation", "other_names", "kind", "country_id", "parent_id"],
        [
            (
                org0 + i,
                f"Synthetic ministry {seed}-{i}",
                "",
                "",
                "government",
                g.rng.choice(country_ids),
                None,
            )
            for i in range(g.organisations)
        ],
    )
    person0 = next_id("contacts_person")
    people, aliases, offices = [], [], []
    alias0, office0 = next_id("contacts_personalias"), next_id("contacts_officeholding")
    person_names, person_countries = [], []
    for i in range(g.people):
        name = f"{syllable_word(g.rng, 2).title()} {syllable_word(g.rng, 3).title()} {i}"
        country = g.rng.choice(country_ids)
        person_names.append(name)
        person_countries.append(country)
        slug = f"synthetic-{seed}-{i}"
        people.append((person0 + i, name, slug, name.casefold(), country, ""))
        alias = f"{name} Jr"
        aliases.append((alias0 + i, person0 + i, alias, "spelling", alias.casefold(), False))
        offices.append(
            (
                office0 + i,
                person0 + i,
                "Minister",
                g.rng.choice(ROLES),
                org0 + i % g.organisations,
                country,
                None,
                "day",
                None,
                "day",
            )
        )
    insert_rows(
        "contacts_person", ["id", "name", "slug", "name_key", "country_id", "notes"], people
    )
    insert_rows(
        "contacts_personalias", ["id", "person_id", "name", "kind", "name_key", "shared"], aliases
    )
    insert_rows(
        "contacts_officeholding",
        [
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
        ],
        offices,
    )
    counts.update(people=g.people, organisations=g.organisations, countries=len(codes))

    source0 = next_id("contacts_source")
    source_sentences = []
    rows = []
    for i in range(g.sources):
        sentences = [f"{g.rng.choice(g.sentences)} {g.rare_word()} {i}-{n}." for n in range(4)]
        source_sentences.append(sentences)
        rows.append(
            (
                source0 + i,
                f"synthetic-{seed}-{i}",
                f"Synthetic report {i}",
                None,
                f"https://example.org/{seed}/{i}",
                None,
                g.recent_date(),
                " ".join(sentences),
                "",
            )
        )
        if len(rows) >= batch:
            insert_rows(
                "contacts_source",
                SOURCE_COLUMNS,
                rows,
            )
            rows = []
    insert_rows(
        "contacts_source",
        SOURCE_COLUMNS,
        rows,
    )
    counts["sources"] = g.sources

    ids = {
        table: next_id(table)
        for table in (
            "contacts_contact",
            "contacts_participant",
            "contacts_citation",
            "contacts_statement",
        )
    }
    tables = {
        "contacts_contact": [
            "id",
            "date_start",
            "date_end",
            "date_precision",
            "key",
            "kind",
            "location",
            "summary",
            "version",
            "initiator_certainty",
            "initiator_label",
            "participant_count",
            "source_count",
        ],
        "contacts_participant": [
            "id",
            "contact_id",
            "person_id",
            "description",
            "role",
            "country_id",
            "is_initiator",
        ],
        "contacts_citation": [
            "id",
            "source_id",
            "excerpt",
            "excerpt_digest",
            "date_as_written",
            "note",
            "contact_id",
            "statement_id",
            "office_id",
        ],
        "contacts_statement": [
            "id",
            "date_start",
            "date_end",
            "date_precision",
            "key",
            "speaker_id",
            "speaker_description",
            "speaker_role",
            "speaker_country_id",
            "text",
            "is_verbatim",
            "medium",
            "outlet_id",
            "venue",
            "language",
            "contact_id",
            "version",
        ],
    }
    pending = {table: [] for table in tables}
    digests = {}

    def flush():
        for table, columns in tables.items():
            insert_rows(table, columns, pending[table])
            pending[table].clear()

    def cite(source_index, contact_id=None, statement_id=None):
        sentence = g.rng.choice(source_sentences[source_index])
        digest = digests.get(sentence) or hashlib.sha256(sentence.encode()).hexdigest()
        digests[sentence] = digest
        pending["contacts_citation"].append(
            (
                ids["contacts_citation"],
                source0 + source_index,
                sentence,
                digest,
                "",
                "",
                contact_id,
                statement_id,
                None,
            )
        )
        ids["contacts_citation"] += 1

    for number in range(contacts):
        contact_id = ids["contacts_contact"]
        ids["contacts_contact"] += 1
        day = g.recent_date()
        kind = g.rng.choices(KINDS, KIND_WEIGHTS)[0]
        members = set()
        while len(members) < g.rng.randint(2, 5):
            members.add(g.zipf_person())
        members = sorted(members)
        initiator = g.rng.choice(members) if g.rng.random() < 0.8 else None
        for member in members:
            pending["contacts_participant"].append(
                (
                    ids["contacts_participant"],
                    contact_id,
                    person0 + member,
                    "",
                    "",
                    person_countries[member],
                    member == initiator,
                )
            )
            ids["contacts_participant"] += 1
        if g.rng.random() < 0.05:
            pending["contacts_participant"].append(
                (
                    ids["contacts_participant"],
                    contact_id,
                    None,
                    "unnamed counterpart",
                    "foreign_minister",
                    g.rng.choice(country_ids),
                    False,
                )
            )
            ids["contacts_participant"] += 1
        sources = {g.rng.randrange(g.sources) for _ in range(g.rng.randint(1, 3))}
        for source_index in sources:
            cite(source_index, contact_id=contact_id)
        names = [person_names[m] for m in members[:2]]
        pending["contacts_contact"].append(
            (
                contact_id,
                day,
                day,
                "day",
                f"s{seed}-{number}",
                kind,
                f"City {g.rng.randrange(500)}" if g.rng.random() < 0.6 else "",
                f"{' and '.join(names)} held {kind.replace('_', ' ')} ({CAMEO_CODES[kind]}).",
                1,
                "stated" if initiator is not None else "unknown",
                person_names[initiator] if initiator is not None else "",
                len(members),
                len(sources),
            )
        )
        for _ in range(2):
            statement_id = ids["contacts_statement"]
            ids["contacts_statement"] += 1
            speaker = g.rng.choice(members)
            said = day + datetime.timedelta(days=g.rng.randint(0, 3))
            opening = g.rng.choice(g.paragraphs)
            text = f"{opening} {g.rare_word()} {g.rare_word()}"
            pending["contacts_statement"].append(
                (
                    statement_id,
                    said,
                    said,
                    "day",
                    f"s{seed}-{number}-{statement_id}",
                    person0 + speaker,
                    "",
                    "",
                    person_countries[speaker],
                    text,
                    g.rng.random() < 0.4,
                    g.rng.choice(MEDIA),
                    None,
                    "",
                    "en",
                    contact_id,
                    1,
                )
            )
            cite(g.rng.randrange(g.sources), statement_id=statement_id)
        if number % batch == batch - 1:
            flush()
            if progress:
                progress(number + 1)
    flush()
    counts.update(contacts=contacts, statements=2 * contacts)
    return counts
