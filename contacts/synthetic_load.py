"""Inserting the synthetic set: reference data first, then contacts with their link rows."""

import hashlib
import string
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat

import numpy as np

from .bulk import insert_rows, next_id
from .models.contacts import CAMEO_CODES
from .synthetic import KIND_WEIGHTS, KINDS, MAX_PARTICIPANTS, MEDIA, ROLES, Generator, syllable_word

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


def generate(contacts, seed=0, batch=50_000, progress=None):
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
    source_sentence = g.draw.integers(0, len(g.sentences), (g.sources, 4))
    source_rare = g.rare_words((g.sources, 4))
    source_days = g.recent_days(g.sources).tolist()

    def excerpt(source, n):
        sentence = g.sentences[source_sentence[source, n]]
        return f"{sentence} {g.vocabulary[source_rare[source, n]]} {source}-{n}."

    for first in range(0, g.sources, batch):
        last = min(first + batch, g.sources)
        insert_rows(
            "contacts_source",
            SOURCE_COLUMNS,
            [
                (
                    source0 + i,
                    f"synthetic-{seed}-{i}",
                    f"Synthetic report {i}",
                    None,
                    f"https://example.org/{seed}/{i}",
                    None,
                    g.days[source_days[i]],
                    " ".join(excerpt(i, n) for n in range(4)),
                    "",
                )
                for i in range(first, last)
            ],
        )
    counts["sources"] = g.sources

    ids = {table: next_id(table) for table in TABLES}
    person_countries = np.array(person_countries)
    context = {
        "g": g,
        "seed": seed,
        "ids": ids,
        "person0": person0,
        "source0": source0,
        "person_names": person_names,
        "person_countries": person_countries,
        "country_ids": np.array(country_ids),
        "excerpt": excerpt,
    }
    # One thread builds the next batch's rows while this one inserts (SQLite and psycopg
    # release the GIL while they write). Batches are built in order, so output is stable.
    with ThreadPoolExecutor(max_workers=1) as builder:

        def build(first):
            if first < contacts:
                size = min(batch, contacts - first)
                return builder.submit(contact_batch, first, size, **context)

        upcoming = build(0)
        for first in range(0, contacts, batch):
            rows = upcoming.result()
            upcoming = build(first + batch)
            for table, table_rows in rows.items():
                insert_rows(table, TABLES[table], table_rows)
            if progress:
                progress(min(first + batch, contacts))
    counts.update(contacts=contacts, statements=2 * contacts)
    return counts


TABLES = {
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
        "contact_date",
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
}
KIND_PHRASES = [f"{kind.replace('_', ' ')} ({CAMEO_CODES[kind]})" for kind in KINDS]
LOCATIONS = [f"City {n}" for n in range(500)]


def take(ids, table, count):
    first = ids[table]
    ids[table] += count
    return range(first, first + count)


def contact_batch(first, size, *, g, seed, ids, person0, source0, person_names, **context):
    """Rows for `size` contacts with their participants, statements and citations."""
    person_countries, country_ids, excerpt = (
        context["person_countries"],
        context["country_ids"],
        context["excerpt"],
    )
    days = g.recent_days(size)
    kinds = g.draw.choice(len(KINDS), size, p=np.array(KIND_WEIGHTS) / sum(KIND_WEIGHTS))
    sizes = g.draw.integers(2, MAX_PARTICIPANTS + 1, size)
    members = g.distinct_per_row(g.zipf_people((size, MAX_PARTICIPANTS)), sizes, g.zipf_people)
    initiator = np.where(
        g.draw.random(size) < 0.8, (g.draw.random(size) * sizes).astype(np.int64), -1
    )
    unnamed = np.flatnonzero(g.draw.random(size) < 0.05)
    unnamed_country = country_ids[g.draw.integers(0, len(country_ids), len(unnamed))]
    source_counts = g.draw.integers(1, 4, size)

    def any_sources(count):
        return g.draw.integers(0, g.sources, count)

    sources = g.distinct_per_row(any_sources((size, 3)), source_counts, any_sources)
    source_sentences = g.draw.integers(0, 4, (size, 3))
    locations = np.where(g.draw.random(size) < 0.6, g.draw.integers(0, 500, size), -1)
    speakers = members[
        np.arange(size)[:, None], (g.draw.random((size, 2)) * sizes[:, None]).astype(np.int64)
    ]
    said = days[:, None] - g.draw.integers(0, 4, (size, 2))
    openings = g.draw.integers(0, len(g.paragraphs), (size, 2))
    rare = g.rare_words((size, 2, 2))
    verbatim = g.draw.random((size, 2)) < 0.4
    media = g.draw.integers(0, len(MEDIA), (size, 2))
    statement_sources = any_sources((size, 2))
    statement_sentences = g.draw.integers(0, 4, (size, 2))

    contact_ids = np.array(take(ids, "contacts_contact", size))
    day_text = [g.days[d] for d in days.tolist()]
    names = (
        [person_names[m] for m in members[:, 0].tolist()],
        [person_names[m] for m in members[:, 1].tolist()],
    )
    initiator_person = np.where(initiator >= 0, members[np.arange(size), initiator], -1).tolist()
    contact_rows = list(
        zip(
            contact_ids.tolist(),
            day_text,
            day_text,
            repeat("day"),
            [f"s{seed}-{first + n}" for n in range(size)],
            [KINDS[k] for k in kinds.tolist()],
            ["" if n < 0 else LOCATIONS[n] for n in locations.tolist()],
            [
                f"{a} and {b} held {KIND_PHRASES[k]}."
                for a, b, k in zip(*names, kinds.tolist(), strict=True)
            ],
            repeat(1),
            ["unknown" if p < 0 else "stated" for p in initiator_person],
            ["" if p < 0 else person_names[p] for p in initiator_person],
            sizes.tolist(),
            source_counts.tolist(),
        )
    )

    named = np.arange(MAX_PARTICIPANTS) < sizes[:, None]
    people = members[named]
    participant_rows = list(
        zip(
            take(ids, "contacts_participant", len(people)),
            np.broadcast_to(contact_ids[:, None], members.shape)[named].tolist(),
            (people + person0).tolist(),
            repeat(""),
            repeat(""),
            person_countries[people].tolist(),
            (np.arange(MAX_PARTICIPANTS) == initiator[:, None])[named].tolist(),
            [g.days[d] for d in np.broadcast_to(days[:, None], members.shape)[named].tolist()],
        )
    )
    participant_rows += zip(
        take(ids, "contacts_participant", len(unnamed)),
        contact_ids[unnamed].tolist(),
        repeat(None),
        repeat("unnamed counterpart"),
        repeat("foreign_minister"),
        unnamed_country.tolist(),
        repeat(False),
        [g.days[d] for d in days[unnamed].tolist()],
    )

    statement_ids = np.array(take(ids, "contacts_statement", 2 * size)).reshape(size, 2)
    statement_rows = list(
        zip(
            statement_ids.ravel().tolist(),
            *[[g.days[d] for d in said.ravel().tolist()]] * 2,
            repeat("day"),
            [f"s{seed}-{first + n // 2}-{s}" for n, s in enumerate(statement_ids.ravel().tolist())],
            (speakers.ravel() + person0).tolist(),
            repeat(""),
            repeat(""),
            person_countries[speakers.ravel()].tolist(),
            [  # each names its speaker, as a readout does, so that names are searched
                f"{g.paragraphs[p]} {g.vocabulary[a]} {g.vocabulary[b]} ({person_names[who]})"
                for p, (a, b), who in zip(
                    openings.ravel().tolist(),
                    rare.reshape(-1, 2).tolist(),
                    speakers.ravel().tolist(),
                    strict=True,
                )
            ],
            verbatim.ravel().tolist(),
            [MEDIA[m] for m in media.ravel().tolist()],
            repeat(None),
            repeat(""),
            repeat("en"),
            np.repeat(contact_ids, 2).tolist(),
            repeat(1),
        )
    )

    cited = np.arange(3) < source_counts[:, None]
    cited_sources = np.concatenate([sources[cited], statement_sources.ravel()]).tolist()
    cited_sentences = np.concatenate(
        [source_sentences[cited], statement_sentences.ravel()]
    ).tolist()
    excerpts = [excerpt(s, n) for s, n in zip(cited_sources, cited_sentences, strict=True)]
    contact_citations = int(cited.sum())
    citation_rows = list(
        zip(
            take(ids, "contacts_citation", len(excerpts)),
            [source0 + s for s in cited_sources],
            excerpts,
            [hashlib.sha256(e.encode()).hexdigest() for e in excerpts],
            repeat(""),
            repeat(""),
            np.broadcast_to(contact_ids[:, None], sources.shape)[cited].tolist()
            + [None] * (2 * size),
            [None] * contact_citations + statement_ids.ravel().tolist(),
            repeat(None),
        )
    )
    return {
        "contacts_contact": contact_rows,
        "contacts_participant": participant_rows,
        "contacts_statement": statement_rows,
        "contacts_citation": citation_rows,
    }
