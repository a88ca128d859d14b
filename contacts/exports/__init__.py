"""Exports of the analyst tables: one row source per table, written as CSV, JSON or XLSX.

- `reading`: the filtered ids in order, read a chunk at a time; evidence as pairs.
- `contacts`, `statements`, `people`, `sources`: each table's headers and records.
- `writers`: the same records as streamed CSV (with a byte-order mark) and JSON, or XLSX.
- `names`: file names that say what was exported and when.
- `safety`: cells no spreadsheet runs as a formula.
"""

from .safety import XLSX_ILLEGAL, neutralise, xlsx_safe

__all__ = ["XLSX_ILLEGAL", "neutralise", "xlsx_safe"]
