"""The demo seed: loaded into an empty database only, replaced only on explicit request."""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

# Deleted in this order: each model before the models it protects.
RESET_ORDER = [
    "Citation",
    "Participant",
    "Statement",
    "Contact",
    "OfficeHolding",
    "PersonAlias",
    "Person",
    "Source",
    "Organisation",
    "Country",
]


def stored_counts():
    """{verbose name plural: rows} for every model the seed fills, zero counts included."""
    config = apps.get_app_config("contacts")
    return {
        str(config.get_model(name)._meta.verbose_name_plural): config.get_model(
            name
        )._default_manager.count()
        for name in RESET_ORDER
    }


def is_empty():
    return not any(stored_counts().values())


def load_seed(**options):
    call_command("loaddata", *settings.SEED_FIXTURES, **options)


@transaction.atomic
def reset_to_seed(**options):
    """Delete every record (each deletion kept in its history), then load the seed."""
    config = apps.get_app_config("contacts")
    config.get_model("Organisation").objects.update(parent=None)
    for name in RESET_ORDER:
        for record in config.get_model(name)._default_manager.iterator():
            record.delete()
    load_seed(**options)
