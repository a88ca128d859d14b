"""CSV and JSON written line by line, in chunks, from rows produced lazily."""

import csv
import json

from .exports import neutralise

ROWS_PER_CHUNK = 500
FIRST_ROWS = 50  # the first bytes leave early; later chunks are larger


class Echo:
    def write(self, value):
        return value


def chunks(lines):
    buffer, size = [], FIRST_ROWS
    for line in lines:
        buffer.append(line)
        if len(buffer) >= size:
            yield "".join(buffer)
            buffer, size = [], ROWS_PER_CHUNK
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
