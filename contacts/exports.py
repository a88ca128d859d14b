"""Exports that are safe to open in a spreadsheet."""

from django_tables2.export import TableExport
from tablib import Dataset

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Stop a spreadsheet from running a cell as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeTableExport(TableExport):
    SPREADSHEET_FORMATS = {TableExport.CSV, TableExport.XLSX, TableExport.XLS, TableExport.ODS}

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        if self.format not in self.SPREADSHEET_FORMATS:
            return dataset
        safe = Dataset(title=dataset.title, headers=dataset.headers)
        for row in dataset:
            safe.append([neutralise(value) for value in row])
        return safe
