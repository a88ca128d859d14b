"""Full-text search served by an index: SQLite FTS5 tables, PostgreSQL GIN indexes.

Migration 0005 creates, for each searchable column, an FTS5 table kept in step by
triggers on SQLite; on PostgreSQL, migration 0011 stores each column's tsvector in a
generated `<column>_document` column with a GIN index. The queries below are written to
match those indexes exactly.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import Expression, RawSQL

SEARCHABLE = {  # table -> column
    "contacts_statement": "text",
    "contacts_contact": "summary",
    "contacts_citation": "excerpt",
}
CONFIG = "english"
COMMON_SHARE = 0.05  # a word in 5% of rows fills a page quickly in date order
RARE_LIMIT = 2000  # PostgreSQL: fewer matching rows than this are fetched by id
WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(text):
    """All words of `text`, quoted, so that no FTS5 operator gets through."""
    return " ".join(f'"{word}"' for word in WORD.findall(text))


def search_vector(column):
    return SearchVector(column, config=CONFIG)


class StoredDocument(Expression):
    """PostgreSQL's stored tsvector beside a searchable column (`<column>_document`)."""

    output_field = SearchVectorField()

    def __init__(self, column):
        super().__init__()
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()  # "U0" and so on inside a subquery
        return f'{compiler.quote_name_unless_alias(alias)}."{self.column}_document"', []


def documents_matching(model, column, query):
    return model.objects.alias(_document=StoredDocument(column)).filter(_document=query)


def matching(queryset, text, outer=True):
    """Rows of `queryset` whose searchable column contains every word of `text`.

    `outer=False` when the result is used as a subquery (`pk__in=...`).
    """
    table = queryset.model._meta.db_table
    column = SEARCHABLE[table]
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        found = documents_matching(queryset.model, column, query)
        if outer:
            # A rare word's rows are fetched by id: walking the page's order with the word
            # as a filter (what the planner picks when it guesses the word is common)
            # would read the whole table to find a handful.
            ids = list(found.order_by().values_list("pk", flat=True)[:RARE_LIMIT])
            if len(ids) < RARE_LIMIT:
                return queryset.filter(pk__in=ids)
        return queryset.alias(_document=StoredDocument(column)).filter(_document=query)
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
    """Whether every word of `text` is in at least `share` of the table's rows.

    Reads at most that many entries of the index: cheap for rare and common words alike.
    """
    fts = f"{table}_fts"
    threshold = f"(SELECT COALESCE(CAST(MAX(id) * %s AS INTEGER), 0) FROM {table})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), {threshold} FROM "
            f"(SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT {threshold})",
            [share, fts5_query(text), share],
        )
        found, needed = cursor.fetchone()
    return bool(needed) and found >= needed


def count_matches(model, text, cap):
    """How many rows of `model` hold every word of `text`, up to `cap` + 1, from the index."""
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=CONFIG, search_type="plain")
        found = documents_matching(model, SEARCHABLE[table], query)
        return found.order_by().values("pk")[: cap + 1].count()
    words = fts5_query(text)
    if not words:
        return 0
    fts = f"{table}_fts"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s)",
            [words, cap + 1],
        )
        return cursor.fetchone()[0]


def fold(word):
    """A word as the FTS5 unicode61 tokenizer stores it: lower case, no diacritics."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
