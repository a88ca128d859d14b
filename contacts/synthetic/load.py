"""Inserting the synthetic set: reference rows first, then contacts in batches, one thread
building the next batch while this one inserts (SQLite and psycopg release the GIL while
they write). Batches are built in order, so the output is stable."""

from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import numpy as np

from ..models import Country
from .bulk import insert_rows, next_id
from .contact_rows import TABLES, contact_batch
from .generator import Generator
from .reference import Sources, insert_countries, insert_organisations, insert_people


def generate(contacts, seed=0, batch=50_000, progress=None):
    """Insert the synthetic set; returns row counts. Call inside a transaction."""
    g = Generator(contacts, seed)
    country_ids = insert_countries(g)
    org0 = insert_organisations(g, seed, country_ids)
    person0, names, countries = insert_people(g, seed, country_ids, org0)
    sources = Sources(g)
    sources.insert(seed, batch)
    context = {
        "g": g,
        "seed": seed,
        "ids": {table: next_id(table) for table in TABLES},
        "person0": person0,
        "sources": sources,
        "people": SimpleNamespace(
            names=names,
            countries=countries,
            country_names=dict(Country.objects.values_list("pk", "name")),
        ),
        "country_ids": np.array(country_ids),
    }
    with ThreadPoolExecutor(max_workers=1) as builder:

        def build(first):
            if first < contacts:
                return builder.submit(contact_batch, first, min(batch, contacts - first), **context)

        upcoming = build(0)
        for first in range(0, contacts, batch):
            rows = upcoming.result()
            upcoming = build(first + batch)
            for table, table_rows in rows.items():
                insert_rows(table, TABLES[table], table_rows)
            if progress:
                progress(min(first + batch, contacts))
    return {
        "people": g.people,
        "organisations": g.organisations,
        "countries": len(country_ids),
        "sources": g.sources,
        "contacts": contacts,
        "statements": 2 * contacts,
    }
