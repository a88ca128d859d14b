"""A table's CSV written from the cells the database computes (`in_sql`): on PostgreSQL by
the server itself (`COPY (the rows' query) TO STDOUT (FORMAT csv)`), on SQLite by Python's
csv writer from the query's rows as they are fetched. No row object is built, and no Python
code of the export's runs per row or cell (issue 15: >= 60,000 rows/s).

The lines are the ones `writers.csv_stream` writes. COPY quotes as Python's writer does (a
cell holding a comma, a double quote, CR or LF) but ends a line with LF: libpq gives one
line per read, so its LF becomes CRLF. A test compares both writers' bytes with `records`'
on hostile text (`tests/test_export_copied.py`).
"""

import csv
import io
import time
from contextlib import closing

from django.db import connection, transaction

from . import writers
from .in_sql import queries
from .writers import BOM, header_line

BLOCK = 64 * 1024  # bytes passed on at a time (COPY sends a message per row)
CRLF = b"\r\n"  # the line end of Python's csv writer


def database_csv(exporter, rows):
    """The CSV of `rows` from the cells the database computes (`queries`): written by COPY
    on PostgreSQL (`copied_csv`), by Python's csv writer from the fetched rows on SQLite
    (`fetched_csv`)."""
    write = copied_csv if connection.vendor == "postgresql" else fetched_csv
    return write(exporter, rows)


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


def fetched_csv(exporter, rows):
    """SQLite's `copied_csv`: the same queries' rows, written by Python's csv writer as they
    are fetched (no row object; labels, links and neutralised text already in the cells)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(exporter.headers)
    size = writers.FIRST_ROWS - 1  # the header is the first chunk's first line
    with connection.cursor() as cursor, closing(queries(exporter, rows)) as each:
        for sql, params in each:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(size):
                writer.writerows(batch)
                size = writers.ROWS_PER_CHUNK
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate(0)
    if buffer.tell():
        yield buffer.getvalue()
