"""A table's CSV written by PostgreSQL itself: `COPY (the rows' query) TO STDOUT (FORMAT csv)`.

For the CSV of a table itself (not its evidence) on PostgreSQL, the server writes every
line in C and the export passes its bytes on: no row object, no Python per cell (issue 15:
>= 60,000 rows/s). A whole table in an indexed order is one COPY along that index; a
filtered or otherwise sorted list's ids are read in order as every export reads them
(`reading.id_chunks`), and each GROUP of them is one COPY, joined to the ids in their
order (a sort never carries whole rows of more than a group). The lines are the ones
`writers.csv_stream` writes: the cells come from the exporter's `copied_cells()` (its
`records` cells in SQL), entered text is neutralised in SQL as `safety.neutralise` does, and
an empty text is sent as NULL, which COPY writes as nothing, as Python's writer does ('' and
None alike). COPY quotes as Python's writer does (a cell holding a comma, a double quote, CR
or LF) but ends a line with LF: libpq gives one line per read, so its LF becomes CRLF. A
test compares both writers' bytes on hostile text (`tests/test_export_copied.py`).
"""

import time
from contextlib import closing

from django.db import connection, transaction
from django.db.models import Case, TextField, Value, When
from django.db.models.functions import Cast, Concat, NullIf, Substr
from django.db.models.lookups import In

from . import writers
from .reading import id_chunks, whole_in_an_indexed_order
from .safety import FORMULA_TRIGGERS
from .writers import BOM, header_line

BLOCK = 64 * 1024  # bytes passed on at a time (COPY sends a message per row)
GROUP = 5000  # ids (at least, a whole number of chunks) per COPY of a list read by ids
CRLF = b"\r\n"  # the line end of Python's csv writer


def copies(exporter, part):
    """Whether this export is written by `copied_csv`: a CSV of the table itself, on
    PostgreSQL, by an exporter that offers `copied_cells` and `copied_model`."""
    return (
        part is None
        and connection.vendor == "postgresql"
        and hasattr(exporter, "copied_cells")
        and hasattr(exporter, "copied_model")
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


def queries(exporter, rows):
    """(sql, params) of each COPY's query, in order: one along the index of a whole table's
    order, else one per group of the rows' ids (`reading.id_chunks`), in the ids' order."""
    cells = exporter.copied_cells()
    columns = {
        f"cell_{index}": (text(cell) if header in exporter.written else entered(cell))
        for index, (header, cell) in enumerate(zip(exporter.headers, cells, strict=True))
    }
    if whole_in_an_indexed_order(rows):
        yield rows.annotate(**columns).values_list(*columns).query.sql_with_params()
        return
    # One query for every group of ids, the ids one parameter (an array's text: '{3,1,2}'),
    # joined in their order by name (`pk`): the query is built and compiled once. PostgreSQL
    # knows that WITH ORDINALITY numbers the ids in order: it walks them, each row looked up
    # by its key, and sorts nothing. An id listed twice is written twice, one whose row is
    # gone is not written, as Python's path does (`rows.reading.in_id_order`).
    model = exporter.copied_model
    found = model._default_manager.annotate(**columns).order_by().values_list(*columns, "pk")
    inner, inner_params = found.query.sql_with_params()
    names = ", ".join(columns)
    sql = (
        f"SELECT {names} FROM ({inner}) AS copied "
        "JOIN unnest(%s::bigint[]) WITH ORDINALITY AS listed(pk, place) USING (pk) "
        "ORDER BY listed.place"
    )
    with closing(id_chunks(rows)) as chunks:  # its cursor closed when the CSV is left
        for ids in groups(chunks):
            yield sql, [*inner_params, "{" + ",".join(map(str, ids)) + "}"]


def groups(chunks):
    """The first chunk of ids alone (the first lines leave early), then GROUP ids at a time."""
    group = []
    for number, chunk in enumerate(chunks):
        group += chunk
        if number == 0 or len(group) >= GROUP:
            yield group
            group = []
    if group:
        yield group


def copied_csv(exporter, rows):
    """The CSV of `rows` (a queryset, or ids read another way: `reading.IdsInOrder`) as
    bytes: the byte-order mark, the header and the first lines (`writers.FIRST_ROWS` in all,
    so that the first bytes leave early), then BLOCK bytes at a time. Each COPY is logged as
    Django logs its queries."""
    block = bytearray((BOM + header_line(exporter.headers)).encode())
    lines, first = 1, writers.FIRST_ROWS
    # In a transaction (or savepoint) of its own: a CSV left unread (the client gone) is
    # cancelled by psycopg, which ends that transaction only, not the request's; the ids'
    # cursor, declared within it, is closed first.
    statements = closing(queries(exporter, rows))
    with transaction.atomic(), connection.cursor() as cursor, statements as each:
        for sql, params in each:
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
            logged(cursor, copying, params, time.monotonic() - started)
    if block:
        yield bytes(block)


def logged(cursor, sql, params, seconds):
    """The COPY in Django's log of queries, when it keeps one."""
    if connection.queries_logged:
        mogrify = getattr(cursor.cursor, "mogrify", None)  # a ClientCursor's (the default)
        text = mogrify(sql, params) if mogrify else sql
        connection.queries_log.append({"sql": text, "time": f"{seconds:.3f}"})
