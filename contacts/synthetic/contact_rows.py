"""The synthetic contacts, one batch at a time: every random draw first (in a fixed order,
so a seed always gives the same rows), then the rows of each table built from them."""

import json
from collections import defaultdict
from itertools import repeat
from operator import itemgetter
from types import SimpleNamespace

import numpy as np

from ..models.contacts import CAMEO_CODES, participant_cells
from ..models.participants import UNNAMED
from ..text import excerpt_digest
from .generator import KIND_WEIGHTS, KINDS, MAX_PARTICIPANTS, MEDIA

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
        "participant_text",
        "initiator_cell",
        "others_cell",
        "countries_cell",
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
        "contact_end",
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


def draws(g, size, country_ids):
    """Every random value a batch of `size` contacts needs, drawn in one fixed order."""
    d = SimpleNamespace(size=size)
    d.days = g.recent_days(size)
    d.kinds = g.draw.choice(len(KINDS), size, p=np.array(KIND_WEIGHTS) / sum(KIND_WEIGHTS))
    d.sizes = g.draw.integers(2, MAX_PARTICIPANTS + 1, size)
    d.members = g.distinct_per_row(g.zipf_people((size, MAX_PARTICIPANTS)), d.sizes, g.zipf_people)
    d.initiator = np.where(
        g.draw.random(size) < 0.8, (g.draw.random(size) * d.sizes).astype(np.int64), -1
    )
    d.unnamed = np.flatnonzero(g.draw.random(size) < 0.05)
    d.unnamed_country = country_ids[g.draw.integers(0, len(country_ids), len(d.unnamed))]
    d.source_counts = g.draw.integers(1, 4, size)

    def any_sources(count):
        return g.draw.integers(0, g.sources, count)

    d.sources = g.distinct_per_row(any_sources((size, 3)), d.source_counts, any_sources)
    d.source_sentences = g.draw.integers(0, 4, (size, 3))
    d.locations = np.where(g.draw.random(size) < 0.6, g.draw.integers(0, 500, size), -1)
    who = (g.draw.random((size, 2)) * d.sizes[:, None]).astype(np.int64)
    d.speakers = d.members[np.arange(size)[:, None], who]
    d.said = d.days[:, None] - g.draw.integers(0, 4, (size, 2))
    d.openings = g.draw.integers(0, len(g.paragraphs), (size, 2))
    d.rare = g.rare_words((size, 2, 2))
    d.verbatim = g.draw.random((size, 2)) < 0.4
    d.media = g.draw.integers(0, len(MEDIA), (size, 2))
    d.statement_sources = any_sources((size, 2))
    d.statement_sentences = g.draw.integers(0, 4, (size, 2))
    return d


def contact_batch(first, size, *, g, seed, ids, person0, sources, people, country_ids):
    """Rows for `size` contacts with their participants, statements and citations."""
    d = draws(g, size, country_ids)
    contact_ids = np.array(take(ids, "contacts_contact", size))
    statement_ids = np.array(take(ids, "contacts_statement", 2 * size)).reshape(size, 2)
    participants = participant_rows(d, g, ids, contact_ids, person0, people)
    texts = participant_texts(participants, seed, person0, people)
    return {
        "contacts_contact": contact_rows(d, g, seed, first, contact_ids, people.names, texts),
        "contacts_participant": participants,
        "contacts_statement": statement_rows(
            d, g, seed, first, contact_ids, statement_ids, person0, people
        ),
        "contacts_citation": citation_rows(d, ids, contact_ids, statement_ids, sources),
    }


def contact_rows(d, g, seed, first, contact_ids, names, texts):
    day_text = [g.days[day] for day in d.days.tolist()]
    pairs = (
        [names[m] for m in d.members[:, 0].tolist()],
        [names[m] for m in d.members[:, 1].tolist()],
    )
    text = [texts[pk] for pk in contact_ids.tolist()]
    cells = [participant_cells(value) for value in text]
    rows = np.arange(d.size)
    initiator = np.where(d.initiator >= 0, d.members[rows, d.initiator], -1).tolist()
    return list(
        zip(
            contact_ids.tolist(),
            day_text,
            day_text,
            repeat("day"),
            [f"s{seed}-{first + n}" for n in range(d.size)],
            [KINDS[k] for k in d.kinds.tolist()],
            ["" if n < 0 else LOCATIONS[n] for n in d.locations.tolist()],
            [
                f"{a} and {b} held {KIND_PHRASES[k]}."
                for a, b, k in zip(*pairs, d.kinds.tolist(), strict=True)
            ],
            repeat(1),
            ["unknown" if p < 0 else "stated" for p in initiator],
            ["" if p < 0 else names[p] for p in initiator],
            d.sizes.tolist(),
            d.source_counts.tolist(),
            text,
            *(map(itemgetter(n), cells) for n in range(3)),
        )
    )


def participant_rows(d, g, ids, contact_ids, person0, people):
    named = np.arange(MAX_PARTICIPANTS) < d.sizes[:, None]
    persons = d.members[named]
    dates = np.broadcast_to(d.days[:, None], d.members.shape)[named].tolist()
    day_texts = [g.days[day] for day in dates]
    rows = list(
        zip(
            take(ids, "contacts_participant", len(persons)),
            np.broadcast_to(contact_ids[:, None], d.members.shape)[named].tolist(),
            (persons + person0).tolist(),
            repeat(""),
            repeat(""),
            people.countries[persons].tolist(),
            (np.arange(MAX_PARTICIPANTS) == d.initiator[:, None])[named].tolist(),
            day_texts,
            day_texts,  # a synthetic contact is dated to one day
        )
    )
    unnamed_days = [g.days[day] for day in d.days[d.unnamed].tolist()]
    rows += zip(
        take(ids, "contacts_participant", len(d.unnamed)),
        contact_ids[d.unnamed].tolist(),
        repeat(None),
        repeat("unnamed counterpart"),
        repeat("foreign_minister"),
        d.unnamed_country.tolist(),
        repeat(False),
        unnamed_days,
        unnamed_days,
    )
    return rows


def participant_texts(participants, seed, person0, people):
    """{contact id: its `participant_text`}, as `Contact.refresh_summaries()` writes it (each
    participant's `row_fields()`), built here: the loader inserts contacts whole."""
    items = defaultdict(list)
    for pk, contact, person, description, _, country, initiator, _, _ in participants:
        if person is None:
            name, slug, label = "", "", description + UNNAMED
        else:
            name = label = people.names[person - person0]
            slug = f"synthetic-{seed}-{person - person0}"
        country_name = people.country_names[country]
        items[contact].append(
            [str(pk), str(int(initiator)), name, slug, description, country_name, label]
        )
    return {contact: json.dumps(rows) for contact, rows in items.items()}


def statement_rows(d, g, seed, first, contact_ids, statement_ids, person0, people):
    speakers = d.speakers.ravel().tolist()
    said = [g.days[day] for day in d.said.ravel().tolist()]
    texts = [  # each names its speaker, as a readout does, so that names are searched
        f"{g.paragraphs[p]} {g.vocabulary[a]} {g.vocabulary[b]} ({people.names[who]})"
        for p, (a, b), who in zip(
            d.openings.ravel().tolist(), d.rare.reshape(-1, 2).tolist(), speakers, strict=True
        )
    ]
    ids = statement_ids.ravel().tolist()
    return list(
        zip(
            ids,
            said,
            said,
            repeat("day"),
            [f"s{seed}-{first + n // 2}-{s}" for n, s in enumerate(ids)],
            (d.speakers.ravel() + person0).tolist(),
            repeat(""),
            repeat(""),
            people.countries[d.speakers.ravel()].tolist(),
            texts,
            d.verbatim.ravel().tolist(),
            [MEDIA[m] for m in d.media.ravel().tolist()],
            repeat(None),
            repeat(""),
            repeat("en"),
            np.repeat(contact_ids, 2).tolist(),
            repeat(1),
        )
    )


def citation_rows(d, ids, contact_ids, statement_ids, sources):
    """A contact's 1-3 citations, then one per statement, each quoting a source's sentence."""
    cited = np.arange(3) < d.source_counts[:, None]
    cited_sources = np.concatenate([d.sources[cited], d.statement_sources.ravel()]).tolist()
    sentences = np.concatenate([d.source_sentences[cited], d.statement_sentences.ravel()]).tolist()
    excerpts = [sources.excerpt(s, n) for s, n in zip(cited_sources, sentences, strict=True)]
    contact_citations = int(cited.sum())
    return list(
        zip(
            take(ids, "contacts_citation", len(excerpts)),
            [sources.first_id + s for s in cited_sources],
            excerpts,
            [excerpt_digest(e) for e in excerpts],
            repeat(""),
            repeat(""),
            np.broadcast_to(contact_ids[:, None], d.sources.shape)[cited].tolist()
            + [None] * (2 * d.size),
            [None] * contact_citations + statement_ids.ravel().tolist(),
            repeat(None),
        )
    )
