"""Full-text search by word form, in the language of each text (migrations 0005 to 0019,
squashed): FTS5 tables on SQLite (`_search_sqlite`), stored tsvector columns with GIN
indexes on PostgreSQL (`_search_postgresql`). The rows already there are indexed; undone,
the indexes, triggers and functions are dropped."""

from django.db import migrations

from . import _search_postgresql, _search_sqlite


def helper(schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    return _search_postgresql if postgresql else _search_sqlite


def forward(apps, schema_editor):
    helper(schema_editor).create(schema_editor)


def backward(apps, schema_editor):
    helper(schema_editor).drop(schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("contacts", "0005_full_text_search"),
        ("contacts", "0007_full_text_vocabulary"),
        ("contacts", "0011_stored_search_documents"),
        ("contacts", "0015_search_by_word_forms_sqlite"),
        ("contacts", "0016_search_by_word_forms_postgresql"),
        ("contacts", "0017_search_functions_find_their_schema"),
        ("contacts", "0019_contacts_searched_with_their_excerpts"),
    ]

    dependencies = [("contacts", "0002_squashed_groups")]

    operations = [migrations.RunPython(forward, backward)]
