"""Full-text search served by an index: SQLite FTS5 tables, PostgreSQL GIN indexes.

Migration 0005 creates, for each searchable column, an FTS5 table kept in step by
triggers on SQLite, and a GIN index on to_tsvector('english', column) on PostgreSQL.
The queries below are written to match those indexes exactly.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models.expressions import RawSQL

SEARCHABLE = {  # table -> column
    "contacts_statement": "text",
    "contacts_contact": "summary",
    "contacts_citation": "excerpt",
}
CONFIG = "english"
WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(text):
    """All words of `text`, quoted, so that no FTS5 operator gets through."""
    return " ".join(f'"{word}"' for word in WORD.findall(text))


def search_vector(column):
    return SearchVector(column, config=CONFIG)


def matching(queryset, text):
    """Rows of `queryset` whose searchable column contains every word of `text`."""
    table = queryset.model._meta.db_table
    column = SEARCHABLE[table]
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        return queryset.annotate(_document=search_vector(column)).filter(_document=query)
    words = fts5_query(text)
    if not words:
        return queryset.none()
    fts = f"{table}_fts"
    return queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [words]))
