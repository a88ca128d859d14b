"""SQLite: the word-form function the full-text triggers call, on every connection.

The FTS5 tables of the search migration (contacts/migrations/_search_sqlite.py) hold stems
computed in Python (`words.index_terms`); the triggers that keep them current call it as
`tracker_search_terms(text, language)`, so every write through Django, bulk statements and
migrations included, indexes its rows. A connection opened outside Django (the sqlite3
shell) cannot write searchable rows: it has no such function, and says so instead of
leaving the index stale.
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

from .words import index_terms

FUNCTION = "tracker_search_terms"


@receiver(connection_created)
def register_search_terms(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 2, index_terms, deterministic=True)
