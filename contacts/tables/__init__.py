"""The analyst tables' columns (django-tables2): contacts, statements and people in `lists`,
sources in `sources`. The rows they show come from each model's `for_table()` selector."""

from .lists import ContactTable, PersonTable, StatementTable
from .sources import SourceTable, language_name

__all__ = ["ContactTable", "PersonTable", "SourceTable", "StatementTable", "language_name"]
