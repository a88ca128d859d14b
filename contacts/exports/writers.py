"""The records of a table written as CSV, JSON or XLSX: the same cells in every format.

CSV and JSON are written line by line, in chunks, as the records are read; XLSX (capped
by the view) is written row by row to a write-only workbook.
"""

import csv
import io
import json
from itertools import islice

from .safety import neutralise, neutralise_cells, xlsx_safe

ROWS_PER_CHUNK = 500
FIRST_ROWS = 50  # the first bytes leave early; later chunks are larger
BOM = "\ufeff"  # so that Excel reads the CSV as UTF-8 ("François", curly quotes)

EVIDENCE_HEADERS = [
    "Record key",
    "Record link",
    "Source",
    "Outlet",
    "Source URL",
    "Source page",
    "Excerpt",
    "Note",
]
EVIDENCE_FIELDS = ["source", "outlet", "url", "source_page", "excerpt", "note"]
EVIDENCE_WRITTEN = frozenset({"Record link", "Source page"})


def evidence_rows(records):
    """One row per citation, keyed by the record it backs."""
    for record in records:
        for item in record.evidence:
            yield [record.key, record.link, *(item[name] for name in EVIDENCE_FIELDS)]


def table(exporter, records, part=None):
    """(headers, rows) of the main table, or of its evidence when `part` is "evidence"."""
    if part == "evidence":
        return EVIDENCE_HEADERS, evidence_rows(records)
    return exporter.headers, (record.cells for record in records)


def chunks(lines):
    buffer, size = [], FIRST_ROWS
    for line in lines:
        buffer.append(line)
        if len(buffer) >= size:
            yield "".join(buffer)
            buffer, size = [], ROWS_PER_CHUNK
    if buffer:
        yield "".join(buffer)


def header_line(headers):
    """The CSV's first line, as `csv_stream` writes it."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(headers)
    return buffer.getvalue()


def csv_stream(exporter, records, part=None):
    """The CSV in chunks: the header and the first rows, then ROWS_PER_CHUNK rows each,
    every chunk written by one `writerows`. Cells the export writes itself (`written`:
    dates, counts, links) are not checked for formulas; every other cell is neutralised."""
    headers, rows = table(exporter, records, part)
    written = EVIDENCE_WRITTEN if part == "evidence" else exporter.written
    entered = [index for index, header in enumerate(headers) if header not in written]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(headers)
    size = FIRST_ROWS - 1  # the header is the first chunk's first line
    while True:
        batch = list(islice(rows, size))
        writer.writerows([neutralise_cells(row, entered) for row in batch])
        if buffer.tell():
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate(0)
        if len(batch) < size:  # the rows ran out
            return
        size = ROWS_PER_CHUNK


def json_lines(exporter, records, part=None):
    """An array of objects keyed by the CSV's headers; each contact or statement also
    carries `evidence`, a list of {source, outlet, url, source_page, excerpt, note}."""
    headers, _ = table(exporter, (), part)
    if part == "evidence":
        objects = (dict(zip(headers, row, strict=True)) for row in evidence_rows(records))
    elif exporter.has_evidence:
        objects = (
            {**dict(zip(headers, r.cells, strict=True)), "evidence": r.evidence} for r in records
        )
    else:
        objects = (dict(zip(headers, r.cells, strict=True)) for r in records)
    yield "["
    for index, value in enumerate(objects):
        yield ("\n" if index == 0 else ",\n") + json.dumps(value, ensure_ascii=False, default=str)
    yield "\n]\n"


def json_stream(exporter, records, part=None):
    return chunks(json_lines(exporter, records, part))


def xlsx_cells(row):
    return [xlsx_safe(neutralise(value)) for value in row]


def xlsx_workbook(title, exporter, records):
    """An XLSX file (bytes): the CSV's rows on the first sheet, and for a table with
    evidence the evidence file's rows on a second sheet, "evidence"."""
    from openpyxl import Workbook  # on use only: importing it costs 0.2 s at every start

    book = Workbook(write_only=True)  # rows go to temporary files, not a tree of cells
    main = book.create_sheet(title=title[:31])
    main.append(xlsx_cells(exporter.headers))
    if exporter.has_evidence:
        cited = book.create_sheet(title="evidence")
        cited.append(xlsx_cells(EVIDENCE_HEADERS))
    for record in records:
        main.append(xlsx_cells(record.cells))
        if exporter.has_evidence:
            for row in evidence_rows([record]):
                cited.append(xlsx_cells(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
