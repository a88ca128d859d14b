"""Many-to-many columns aggregated in SQL as JSON: one string per row, parsed in Python.

`joined(...)` is a correlated subquery that collects the related rows' fields as a JSON
array of arrays (json_group_array on SQLite, json_agg on PostgreSQL), so an export reads
each record and its participants or citations in one query. JSON escapes every character,
so no stored text (separators, control characters, quotes) can break the split.
"""

import json

from django.db.models import Aggregate, CharField, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce

TRUE_TEXT = {"1", "true"}  # a boolean field as text on SQLite and PostgreSQL


class JSONArray(Func):
    """json_array(a, b, …) on SQLite, json_build_array(a, b, …)::text on PostgreSQL."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="JSON_ARRAY(%(expressions)s)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "(JSON_BUILD_ARRAY(%(expressions)s))::text"
        return self.as_sql(compiler, connection, template=template, **extra)


class Joined(Aggregate):
    """The group's JSON arrays as one JSON array."""

    output_field = TextField()

    # Each element is parsed back to JSON, so it stays an array and not a quoted string.
    def as_sqlite(self, compiler, connection, **extra):
        template = "JSON_GROUP_ARRAY(JSON(%(expressions)s))"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "(JSON_AGG((%(expressions)s)::json))::text"
        return self.as_sql(compiler, connection, template=template, **extra)


def text(field):
    """A field as text, '' when NULL."""
    return Coalesce(Cast(field, CharField()), Value(""))


def fields(*expressions):
    """Several fields as one JSON array of strings; `parse` reads it back."""
    return JSONArray(*(text(e) if isinstance(e, str) else e for e in expressions))


def joined(related, key, expression):
    """Subquery: `expression` over the rows of `related` whose `key` is the outer row."""
    rows = related.filter(**{key: OuterRef("pk")}).order_by().values(key)
    return Subquery(rows.annotate(joined=Joined(expression)).values("joined"))


def parse(value):
    """One `fields(...)` value as a list of strings ([] when NULL)."""
    return json.loads(value) if value else []


def split(value):
    """A `joined(...)` value as [[field, ...], ...] in the order of each item's first field
    (its id)."""
    items = parse(value)
    return sorted(items, key=lambda item: int(item[0]))
