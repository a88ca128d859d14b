"""A table's CSV written by PostgreSQL itself: `COPY (the rows' query) TO STDOUT (FORMAT csv)`.

For the CSV of a whole table (no filter, no evidence) on PostgreSQL, the server writes every
line in C as it reads the rows along the index of their order, and the export passes its
bytes on: no row object, no Python per cell (issue 15: >= 60,000 rows/s). The lines are the
ones `writers.csv_stream` writes: the cells come from the exporter's `copied_cells()` (its
`records` cells in SQL), entered text is neutralised in SQL as `safety.neutralise` does, and
an empty text is sent as NULL, which COPY writes as nothing, as Python's writer does ('' and
None alike). COPY quotes as Python's writer does (a cell holding a comma, a double quote, CR
or LF) but ends a line with LF: libpq gives one line per read, so its LF becomes CRLF. A test
compares both writers' bytes on hostile text (`tests/test_export_copied.py`).
"""

import time

from django.db import connection, transaction
from django.db.models import Case, TextField, Value, When
from django.db.models.functions import Cast, Concat, NullIf, Substr
from django.db.models.lookups import In

from . import writers
from .reading import whole_in_an_indexed_order
from .safety import FORMULA_TRIGGERS
from .writers import BOM, header_line

BLOCK = 64 * 1024  # bytes passed on at a time (COPY sends a message per row)
CRLF = b"\r\n"  # the line end of Python's csv writer


def copies(exporter, rows, part):
    """Whether this export is written by `copied_csv`: a CSV of the table itself, of a whole
    table in an indexed order (`reading.whole_in_an_indexed_order`), on PostgreSQL, by an
    exporter that offers `copied_cells`."""
    return (
        part is None
        and connection.vendor == "postgresql"
        and hasattr(exporter, "copied_cells")
        and whole_in_an_indexed_order(rows)
    )


def text(expression):
    """A cell as text, NULL when empty (COPY writes NULL as nothing, '' as "")."""
    return NullIf(Cast(expression, TextField()), Value(""), output_field=TextField())


def entered(expression):
    """Entered text as a CSV cell: a quote before a formula's first character
    (`safety.neutralise`)."""
    cell = text(expression)
    formula = In(Substr(cell, 1, 1), list(FORMULA_TRIGGERS))
    return Case(
        When(formula, then=Concat(Value("'"), cell, output_field=TextField())),
        default=cell,
        output_field=TextField(),
    )


def copied_csv(exporter, rows):
    """The CSV of `rows` (a whole table's queryset, in its order) as bytes: the byte-order
    mark, the header and the first lines (`writers.FIRST_ROWS` in all, so that the first
    bytes leave early), then BLOCK bytes at a time. The COPY is logged as Django logs its
    queries."""
    cells = exporter.copied_cells()
    columns = {
        f"cell_{index}": (text(cell) if header in exporter.written else entered(cell))
        for index, (header, cell) in enumerate(zip(exporter.headers, cells, strict=True))
    }
    query = rows.annotate(**columns).values_list(*columns)
    sql, params = query.query.sql_with_params()
    block = bytearray((BOM + header_line(exporter.headers)).encode())
    lines, first = 1, writers.FIRST_ROWS
    # In a transaction (or savepoint) of its own: a CSV left unread (the client gone) is
    # cancelled by psycopg, which ends that transaction only, not the request's.
    with transaction.atomic(), connection.cursor() as cursor:
        # Django's cursor wraps psycopg's, whose `copy` binds the parameters client-side.
        copying = f"COPY ({sql}) TO STDOUT (FORMAT csv)"
        started = time.monotonic()
        with cursor.cursor.copy(copying, params) as copy:
            for line in copy:  # one row per read, ended by LF
                block += line[:-1]
                block += CRLF
                lines += 1
                if len(block) >= BLOCK or lines == first:
                    yield bytes(block)
                    block.clear()
        if connection.queries_logged:
            elapsed = f"{time.monotonic() - started:.3f}"
            mogrify = getattr(cursor.cursor, "mogrify", None)  # a ClientCursor's (the default)
            logged = mogrify(copying, params) if mogrify else copying
            connection.queries_log.append({"sql": logged, "time": elapsed})
    if block:
        yield bytes(block)
