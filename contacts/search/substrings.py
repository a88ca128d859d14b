"""Rows whose text contains a typed text, read from a trigram index (migrations 0025, 0026,
`migrations/_trigrams`): a GIN index of pg_trgm's trigrams on PostgreSQL, which serves
`LIKE '%…%'` as Django writes it; an FTS5 trigram table beside the table on SQLite, asked
by its own LIKE (SQLite then compares the row's text itself, as its LIKE would: the index
only narrows the rows)."""

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

INDEXED = 3  # characters the SQLite index needs between wildcards; shorter texts are scanned
WILDCARDS = frozenset("%_")  # escaping them (ESCAPE) makes FTS5 scan the whole table


def containing(model, keys):
    """A Q of `model`'s rows (a Person or a PersonAlias) whose `name_key` contains one of
    `keys` (name keys: folded as `contacts.text.name_key` folds)."""
    keys = sorted({key for key in keys if key})
    if not keys:
        return Q(pk__in=[])
    if not all(map(indexed, keys)):
        return reduce(or_, (Q(name_key__contains=key) for key in keys))
    return from_index(model, "name_key", keys)


def one_described(model, column, text, rows):
    """(SQL, parameters) of a query that reads the id of one of `model`'s rows `rows`
    selects whose `column` contains `text`, ignoring case as icontains does, if any.

    `rows` must be the rows the index holds (`migrations/_trigrams.INDEXED`): SQLite reads
    its trigram table alone, which holds those rows only, in its own order, and stops at the
    first match. An IN list of its rows would first collect every match (100 ms for a word
    50,000 descriptions hold); scanning the rows costs 8 ms at 50,000 when none matches."""
    if connection.vendor == "sqlite" and indexed(text):
        table = f"{model._meta.db_table}_{column}_trigrams"
        return f"SELECT rowid FROM {table} WHERE {column} LIKE %s LIMIT 1", (f"%{text}%",)
    one = model.objects.filter(rows, **{f"{column}__icontains": text}).order_by().values("pk")
    return one[:1].query.sql_with_params()


def indexed(text):
    """Whether `text` is asked of the index on SQLite (PostgreSQL needs no other query: its
    planner reads the index where the text has trigrams)."""
    return connection.vendor != "sqlite" or (len(text) >= INDEXED and not WILDCARDS & set(text))


def from_index(model, column, texts):
    """A Q of `model`'s rows whose `column` contains one of `texts`: on SQLite the ids its
    trigram table gives, one look-up per text."""
    if connection.vendor != "sqlite":
        return reduce(or_, (Q(**{f"{column}__contains": text}) for text in texts))
    each = f"SELECT rowid FROM {model._meta.db_table}_{column}_trigrams WHERE {column} LIKE %s"
    return Q(pk__in=RawSQL(" UNION ".join([each] * len(texts)), [f"%{t}%" for t in texts]))
