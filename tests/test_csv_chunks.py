"""The CSV writer's chunks: every row once, in order, whatever the chunk sizes."""

import csv
import io

import pytest

from contacts.exports import writers
from contacts.exports.reading import Record


class Table:
    headers = ["Key", "Text"]
    written = frozenset()


class Linked:
    headers = ["Text", "Link"]
    written = frozenset({"Link"})


def records(count):
    return [
        Record(str(n), "", [str(n), f"=formula {n}" if n % 2 else f"row, {n}"])
        for n in range(count)
    ]


@pytest.mark.parametrize("first", [1, 3])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 7, 8, 11])
def test_csv_chunks_hold_every_row_once_in_order(count, first, monkeypatch):
    monkeypatch.setattr(writers, "FIRST_ROWS", first)
    monkeypatch.setattr(writers, "ROWS_PER_CHUNK", 4)
    chunks = list(writers.csv_stream(Table, iter(records(count))))
    text = "".join(chunks)
    assert text.startswith(writers.BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(writers.BOM))))
    assert rows[0] == ["Key", "Text"]
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(count)]
    assert all(chunk for chunk in chunks)  # no empty chunk is sent


def test_csv_chunks_are_the_header_with_first_rows_then_full_chunks(monkeypatch):
    monkeypatch.setattr(writers, "FIRST_ROWS", 3)
    monkeypatch.setattr(writers, "ROWS_PER_CHUNK", 4)
    chunks = list(writers.csv_stream(Table, iter(records(11))))
    assert [chunk.count("\n") for chunk in chunks] == [3, 4, 4, 1]


def test_csv_cells_that_start_a_formula_are_neutralised(monkeypatch):
    text = "".join(writers.csv_stream(Table, iter(records(2))))
    rows = list(csv.reader(io.StringIO(text.removeprefix(writers.BOM))))
    assert rows[1] == ["0", "row, 0"]
    assert rows[2] == ["1", "'=formula 1"]


def test_csv_cells_the_export_writes_itself_are_not_neutralised():
    rows = [Record("1", "", ["=entered", "-written by the export"])]
    text = "".join(writers.csv_stream(Linked, iter(rows)))
    assert list(csv.reader(io.StringIO(text.removeprefix(writers.BOM))))[1] == [
        "'=entered",
        "-written by the export",
    ]
