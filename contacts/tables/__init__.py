"""The analyst tables' columns (django-tables2): contacts, statements and people in `lists`,
sources in `sources`. The contacts' and statements' bodies are drawn from their row sources
(`contacts.rows`, see `prepared`)."""

from .lists import ContactTable, PersonTable, StatementTable
from .sources import SourceTable, language_name

__all__ = ["ContactTable", "PersonTable", "SourceTable", "StatementTable", "language_name"]
