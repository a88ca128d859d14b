"""Exports that are safe to open in a spreadsheet."""

import io
import re
from itertools import chain

from django_tables2.export import TableExport
from tablib import Dataset

# The characters an XLSX cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, written out so
# that importing this module does not import openpyxl and numpy: 0.2 s at every start).
XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_safe(value):
    """XLSX cannot hold most C0 control characters (refused on input, but text stored
    before that rule may have them): each is shown as U+FFFD instead of failing the file."""
    if isinstance(value, str):
        return XLSX_ILLEGAL.sub("\ufffd", value)
    return value


def neutralise(value):
    """Stop a spreadsheet from running a cell as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_workbook(title, headers, rows):
    """An XLSX file (bytes) of `rows`, read as they come, every cell made safe."""
    from openpyxl import Workbook  # on use only: importing it costs 0.2 s at every start

    book = Workbook(write_only=True)  # rows go to a temporary file, not a tree of cells
    sheet = book.create_sheet(title=title[:31])
    for row in chain([headers], rows):
        sheet.append([xlsx_safe(neutralise(value)) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class SafeTableExport(TableExport):
    SPREADSHEET_FORMATS = {TableExport.CSV, TableExport.XLSX, TableExport.XLS, TableExport.ODS}

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        if self.format not in self.SPREADSHEET_FORMATS:
            return dataset
        cell = (lambda v: xlsx_safe(neutralise(v))) if self.format == self.XLSX else neutralise
        safe = Dataset(title=dataset.title, headers=[cell(h) for h in dataset.headers])
        for row in dataset:
            safe.append([cell(value) for value in row])
        return safe
