"""Names that contain a typed key, read from a trigram index (migration 0025): a GIN index
of pg_trgm's trigrams on PostgreSQL, which serves `LIKE '%…%'` as it stands; an FTS5
trigram table beside each name table on SQLite, asked by its own LIKE."""

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

INDEXED = 3  # characters the SQLite index needs between wildcards; shorter keys are scanned
WILDCARDS = frozenset("%_")  # escaping them (ESCAPE) makes FTS5 scan the whole table


def containing(model, keys):
    """A Q of `model`'s rows (a Person or a PersonAlias) whose `name_key` contains one of
    `keys` (name keys: folded as `contacts.text.name_key` folds)."""
    keys = sorted({key for key in keys if key})
    if not keys:
        return Q(pk__in=[])
    if connection.vendor != "sqlite" or any(
        len(key) < INDEXED or WILDCARDS & set(key) for key in keys
    ):
        return reduce(or_, (Q(name_key__contains=key) for key in keys))
    table = f"{model._meta.db_table}_names"
    each = f"SELECT rowid FROM {table} WHERE name_key LIKE %s"
    return Q(pk__in=RawSQL(" UNION ".join([each] * len(keys)), [f"%{key}%" for key in keys]))
