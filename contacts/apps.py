from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Diplomatic contacts"

    def ready(self):
        from . import signals  # noqa: F401
        from .search import sqlite_function  # noqa: F401  (the full-text word function)
