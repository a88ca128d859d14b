"""Names found by any part of them from an index (`contacts.search.substrings`): a typed
"catefa" is looked up by its trigrams instead of compared with every name and alias
(`LIKE '%…%'`, which no B-tree serves: 28 ms at 100,000 people on SQLite).

PostgreSQL: the pg_trgm extension (trusted: a database owner may create it) and a GIN index
of the trigrams of each `name_key`. SQLite: an FTS5 table with the trigram tokenizer over
each name table's `name_key` (external content: the index alone is stored), kept by
triggers; its LIKE reads the index when the pattern holds three characters between
wildcards and has no ESCAPE. The names already there are indexed. A later migration that
rebuilds contacts_person or contacts_personalias on SQLite drops their triggers and must
put them back (`sqlite_statements`)."""

from django.db import migrations

TABLES = ("contacts_person", "contacts_personalias")


def sqlite_statements(table):
    names = f"{table}_names"
    deleted = f"INSERT INTO {names}({names}, rowid, name_key) VALUES ('delete', old.id, old.name_key);"
    inserted = f"INSERT INTO {names}(rowid, name_key) VALUES (new.id, new.name_key);"
    return [
        f"CREATE VIRTUAL TABLE {names} USING fts5(name_key, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {names}_inserted AFTER INSERT ON {table} BEGIN {inserted} END",
        f"CREATE TRIGGER {names}_deleted AFTER DELETE ON {table} BEGIN {deleted} END",
        f"CREATE TRIGGER {names}_updated AFTER UPDATE OF name_key ON {table} "
        f"BEGIN {deleted} {inserted} END",
        f"INSERT INTO {names}({names}) VALUES ('rebuild')",
    ]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
            f"CREATE INDEX {table}_name_trigrams ON {table} USING gin (name_key gin_trgm_ops)"
            for table in TABLES
        ]
    else:
        statements = [sql for table in TABLES for sql in sqlite_statements(table)]
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for table in TABLES:  # the extension is left: other databases' objects may use it
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_name_trigrams")
        else:  # the triggers go with the table they read
            for trigger in ("inserted", "deleted", "updated"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_names_{trigger}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_names")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0024_statement_described")]

    operations = [migrations.RunPython(forward, backward)]
