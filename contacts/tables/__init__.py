"""The analyst tables: their columns, sorting and pagination (django-tables2), and their
bodies drawn from each table's row source (`contacts.rows`, see `prepared`)."""

from .contacts import ContactTable
from .people import PersonTable
from .sources import SourceTable, language_name
from .statements import StatementTable

__all__ = ["ContactTable", "PersonTable", "SourceTable", "StatementTable", "language_name"]
