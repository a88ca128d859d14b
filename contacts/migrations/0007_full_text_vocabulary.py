"""FTS5 vocabulary tables (SQLite): how many rows hold each word, to plan a search."""

from django.db import migrations

# Frozen here: the tables and columns searched when this migration was written.
SEARCHABLE = {
    "contacts_statement": "text",
    "contacts_contact": "summary",
    "contacts_citation": "excerpt",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in SEARCHABLE:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts_vocab "
            f"USING fts5vocab({table}_fts, 'row')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in SEARCHABLE:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts_vocab")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0006_statement_indexes")]

    operations = [migrations.RunPython(create, drop)]
