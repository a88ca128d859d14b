"""Administrators may see django-axes' log-in records and unlock users (contacts/groups.py)."""

from django.db import migrations

from contacts.groups import ensure_groups


def update_groups(apps, schema_editor):
    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0013_source_language_and_digest"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(update_groups, migrations.RunPython.noop)]
