"""Full-text indexes: FTS5 tables with triggers on SQLite, GIN indexes on PostgreSQL.

Self-contained: nothing is imported from the app.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# Frozen here: the tables and columns searched when this migration was written.
SEARCHABLE = {
    "contacts_statement": "text",
    "contacts_contact": "summary",
    "contacts_citation": "excerpt",
}


def search_vector(column):
    return SearchVector(column, config="english")


def sqlite_statements(table, column):
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def gin_index(apps, table, column):
    model = next(m for m in apps.get_app_config("contacts").get_models() if m._meta.db_table == table)
    return model, GinIndex(search_vector(column), name=f"{table[9:]}_{column}_fts")


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, column in SEARCHABLE.items():
        if vendor == "sqlite":
            for statement in sqlite_statements(table, column):
                schema_editor.execute(statement)
        elif vendor == "postgresql":
            schema_editor.add_index(*gin_index(apps, table, column))


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, column in SEARCHABLE.items():
        if vendor == "sqlite":
            fts = f"{table}_fts"
            for suffix in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
        elif vendor == "postgresql":
            schema_editor.remove_index(*gin_index(apps, table, column))


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_contact_summary_columns")]

    operations = [migrations.RunPython(create, drop)]
