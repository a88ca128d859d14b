from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Diplomatic contacts"

    def ready(self):
        from . import signals  # noqa: F401
