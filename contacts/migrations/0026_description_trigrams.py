"""Unnamed counterparts and speakers found by any part of their description from a trigram
index (`_trigrams`, `contacts.search.substrings`), as a typed participant or speaker is
also looked for among them: at 1,000,000 contacts, 50,000 unnamed participants were read
through one by one for each typed name (9 ms on SQLite). Only the described rows are
indexed, and by the text as icontains compares it (upper case on PostgreSQL)."""

from django.db import migrations

from . import _trigrams

INDEXED = [  # (table, column, the rows indexed, the columns that decide)
    ("contacts_participant", "description", "{row}.person_id IS NULL", "person_id, description"),
    ("contacts_statement", "speaker_description", "{row}.speaker_description <> ''", None),
]


def forward(apps, schema_editor):
    for table, column, where, watched in INDEXED:
        _trigrams.create(schema_editor, table, column, where, upper=True, watched=watched)


def backward(apps, schema_editor):
    for table, column, _, _ in INDEXED:
        _trigrams.drop(schema_editor, table, column)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0025_name_trigrams")]

    operations = [migrations.RunPython(forward, backward)]
