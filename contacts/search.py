"""Full-text search served by an index: SQLite FTS5 tables, PostgreSQL GIN indexes.

Migration 0005 creates, for each searchable column, an FTS5 table kept in step by
triggers on SQLite, and a GIN index on to_tsvector('english', column) on PostgreSQL.
The queries below are written to match those indexes exactly.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

SEARCHABLE = {  # table -> column
    "contacts_statement": "text",
    "contacts_contact": "summary",
    "contacts_citation": "excerpt",
}
CONFIG = "english"
COMMON_SHARE = 0.05  # a word in 5% of rows fills a page quickly in date order
WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(text):
    """All words of `text`, quoted, so that no FTS5 operator gets through."""
    return " ".join(f'"{word}"' for word in WORD.findall(text))


def search_vector(column):
    return SearchVector(column, config=CONFIG)


def matching(queryset, text, outer=True):
    """Rows of `queryset` whose searchable column contains every word of `text`.

    `outer=False` when the result is used as a subquery (`pk__in=...`).
    """
    table = queryset.model._meta.db_table
    column = SEARCHABLE[table]
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        return queryset.annotate(_document=search_vector(column)).filter(_document=query)
    words = fts5_query(text)
    if not words:
        return queryset.none()
    fts = f"{table}_fts"
    if outer and is_common(table, text):
        # Most rows match: walk the table in the page's order and probe the index per row,
        # stopping at the page's last row, instead of collecting every matching id first.
        probe = RawSQL(
            f"EXISTS (SELECT 1 FROM {fts} WHERE {fts} MATCH %s AND rowid = {table}.id)",
            [words],
            output_field=BooleanField(),
        )
        return queryset.alias(_matches=probe).filter(_matches=True)
    return queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [words]))


def is_common(table, text, share=COMMON_SHARE):
    """Whether the rarest word of `text` is in at least `share` of the table's rows."""
    terms = [fold(word) for word in WORD.findall(text)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {table}")
        rows = cursor.fetchone()[0] or 0
        marks = ", ".join(["%s"] * len(terms))
        cursor.execute(f"SELECT term, doc FROM {table}_fts_vocab WHERE term IN ({marks})", terms)
        found = dict(cursor.fetchall())
    rarest = min(found.get(term, 0) for term in terms)
    return rows > 0 and rarest >= share * rows


def fold(word):
    """A word as the FTS5 unicode61 tokenizer stores it: lower case, no diacritics."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
