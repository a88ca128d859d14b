"""Exports streamed row by row from the database, with many-to-many columns joined in SQL."""

import csv
import json

from django.db import connection
from django.db.models import Aggregate, Case, F, TextField, Value, When
from django.db.models.functions import Coalesce, Concat

from .exports import neutralise

SEPARATOR = "; "
ROWS_PER_CHUNK = 500


class GroupConcat(Aggregate):
    """SQLite's group_concat with our separator; StringAgg is used on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, '; ')"
    output_field = TextField()


def joined(related, field, expression):
    """A correlated subquery joining `expression` over the `related` rows of each record."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg

        aggregate = StringAgg(expression, delimiter=SEPARATOR, ordering="pk")
    else:
        aggregate = GroupConcat(expression)
    from django.db.models import OuterRef, Subquery

    rows = related.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(
        Subquery(rows.annotate(joined=aggregate).values("joined")),
        Value(""),
        output_field=TextField(),
    )


def unique(text):
    """Drop repeated items from a joined list, keeping their order."""
    return SEPARATOR.join(dict.fromkeys(filter(None, (text or "").split(SEPARATOR))))


def source_description(prefix=""):
    """Title — outlet — URL of a citation's source, as plain text."""
    return Concat(
        F(f"{prefix}source__title"),
        Case(
            When(**{f"{prefix}source__outlet__isnull": True}, then=Value("")),
            default=Concat(Value(" — "), F(f"{prefix}source__outlet__name")),
            output_field=TextField(),
        ),
        Case(
            When(**{f"{prefix}source__url": ""}, then=Value("")),
            default=Concat(Value(" — "), F(f"{prefix}source__url"), output_field=TextField()),
            output_field=TextField(),
        ),
        output_field=TextField(),
    )


def quoted(field):
    return Concat(Value("“"), F(field), Value("”"), output_field=TextField())


class Echo:
    def write(self, value):
        return value


def chunks(lines):
    buffer = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= ROWS_PER_CHUNK:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def csv_lines(headers, rows):
    writer = csv.writer(Echo())
    yield writer.writerow(headers)
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])


def json_lines(headers, rows):
    yield "["
    for index, row in enumerate(rows):
        record = json.dumps(dict(zip(headers, row, strict=True)), ensure_ascii=False, default=str)
        yield ("\n" if index == 0 else ",\n") + record
    yield "\n]\n"


def stream(export_format, headers, rows):
    lines = csv_lines(headers, rows) if export_format == "csv" else json_lines(headers, rows)
    return chunks(lines)
