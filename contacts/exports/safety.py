"""Cells that are safe to open in a spreadsheet: no formula runs, no character XLSX refuses."""

import re

# The characters an XLSX cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, written out so
# that importing this module does not import openpyxl and numpy: 0.2 s at every start).
XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRIGGER_SET = frozenset(FORMULA_TRIGGERS)


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


def neutralise_cells(row, columns):
    """`neutralise` over the cells of `row` (a list, changed in place) at `columns`, the
    ones that may hold entered text; written inline: it runs for every cell of an export."""
    for index in columns:
        value = row[index]
        if isinstance(value, str) and value[:1] in TRIGGER_SET:
            row[index] = "'" + value
    return row
