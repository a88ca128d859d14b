"""Names found by any part of them from a trigram index (`_trigrams`,
`contacts.search.substrings`): a typed "catefa" is looked up by its trigrams instead of
compared with every name and alias (`LIKE '%…%'`, which no B-tree serves: 28 ms at 100,000
people on SQLite)."""

from django.db import migrations

from . import _trigrams

TABLES = ("contacts_person", "contacts_personalias")


def forward(apps, schema_editor):
    for table in TABLES:
        _trigrams.create(schema_editor, table, "name_key")


def backward(apps, schema_editor):
    for table in TABLES:
        _trigrams.drop(schema_editor, table, "name_key")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0024_statement_described")]

    operations = [migrations.RunPython(forward, backward)]
