"""Many-to-many columns aggregated in SQL: one string per row, split again in Python.

`joined(...)` is a correlated subquery that concatenates the related rows' fields with
GROUP_CONCAT (SQLite) or STRING_AGG (PostgreSQL), so an export reads each record and
its participants or citations in one query, one row at a time.
"""

from django.db.models import Aggregate, CharField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat

ITEM = "\x1f"  # ASCII unit separator: between related rows
FIELD = "\x1e"  # ASCII record separator: between the fields of one related row
TRUE_TEXT = {"1", "true"}  # a boolean field as text on SQLite and PostgreSQL


class Joined(Aggregate):
    """The group's values as one string, separated by ITEM."""

    output_field = TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(ITEM), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra)


def text(field):
    """A field as text, '' when NULL."""
    return Coalesce(Cast(field, CharField()), Value(""))


def fields(*expressions):
    """Several fields as one string; `split` takes them apart again."""
    parts = []
    for expression in expressions:
        parts += [text(expression) if isinstance(expression, str) else expression, Value(FIELD)]
    return Concat(*parts[:-1], output_field=TextField())


def joined(related, key, expression):
    """Subquery: `expression` over the rows of `related` whose `key` is the outer row."""
    rows = related.filter(**{key: OuterRef("pk")}).order_by().values(key)
    return Subquery(rows.annotate(joined=Joined(expression)).values("joined"))


def split(value):
    """[[field, ...], ...] in the order of each item's first field (its id)."""
    if not value:
        return []
    items = [item.split(FIELD) for item in value.split(ITEM)]
    return sorted(items, key=lambda item: int(item[0]))
