"""Trigram indexes of text columns, for `LIKE '%…%'` (`contacts.search.substrings`):

- PostgreSQL: a GIN index of pg_trgm's trigrams, of the column as it stands or, for a match
  that ignores case, of its `upper()` as Django's icontains compares it. pg_trgm is trusted
  (the CREATE right on the database suffices); where it cannot be created the index is left
  out, and the same queries read the table.
- SQLite: an FTS5 table with the trigram tokenizer over the column (external content: the
  index alone is stored), kept by triggers; its LIKE reads the index when the pattern holds
  three characters between wildcards and has no ESCAPE.

Either is named `<table>_<column>_trigrams`. Only the rows `where` selects are indexed (SQL
over the row `{row}`); SQLite's triggers watch the columns `watched`. The rows already there
are indexed. A later migration that rebuilds an indexed table on SQLite (the schema editor's
table remake) drops its triggers: it must `drop` the index before and `create` it after
(tests/test_name_trigrams.py checks that every trigger is there).

A helper of the migrations (the loader skips modules starting with "_"): it imports nothing
from the app.
"""

from django.db import transaction

# As migrations 0025 and 0026 leave them: (table, column, rows indexed, columns watched).
INDEXED = [
    ("contacts_person", "name_key", "1", "name_key"),
    ("contacts_personalias", "name_key", "1", "name_key"),
    ("contacts_participant", "description", "{row}.person_id IS NULL", "person_id, description"),
    ("contacts_statement", "speaker_description", "{row}.speaker_description <> ''", None),
]
TRIGGERS = ("inserted", "deleted", "updated")


def create(schema_editor, table, column, where="1", upper=False, watched=None):
    """The index of `table`'s `column` and, on SQLite, its triggers."""
    if schema_editor.connection.vendor == "postgresql":
        if has_trigrams(schema_editor):
            run(schema_editor, [postgresql_index(table, column, where, upper)])
        return
    fts = f"{table}_{column}_trigrams"
    run(
        schema_editor,
        [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
            "content_rowid='id', tokenize='trigram')",
            *sqlite_triggers(table, column, where, watched or column),
            f"INSERT INTO {fts}(rowid, {column}) SELECT id, {column} FROM {table} "
            f"WHERE {where.format(row=table)}",
            f"INSERT INTO {fts}({fts}) VALUES ('optimize')",  # one segment, read fastest
        ],
    )


def drop(schema_editor, table, column):
    """The index (on PostgreSQL the extension is left: other objects may use it)."""
    fts = f"{table}_{column}_trigrams"
    if schema_editor.connection.vendor == "postgresql":  # absent where pg_trgm could not be
        run(schema_editor, [f"DROP INDEX IF EXISTS {fts}"])
        return
    run(schema_editor, [*(f"DROP TRIGGER {fts}_{name}" for name in TRIGGERS), f"DROP TABLE {fts}"])


def has_trigrams(schema_editor):
    """Whether pg_trgm is there or could be created (as `_search_postgresql.has_unaccent`)."""
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
        return True
    except Exception:  # not installed, or not allowed: names are then read one by one
        return False


def postgresql_index(table, column, where, upper):
    expression = f"upper({column}::text)" if upper else column
    condition = "" if where == "1" else f" WHERE {where.replace('{row}.', '')}"
    return (
        f"CREATE INDEX {table}_{column}_trigrams ON {table} "
        f"USING gin ({expression} gin_trgm_ops){condition}"
    )


def sqlite_triggers(table, column, where, watched):
    """The triggers that keep SQLite's index in step with the rows `where` selects."""
    fts = f"{table}_{column}_trigrams"
    deleted = (
        f"INSERT INTO {fts}({fts}, rowid, {column}) "
        f"SELECT 'delete', old.id, old.{column} WHERE {where.format(row='old')};"
    )
    inserted = (
        f"INSERT INTO {fts}(rowid, {column}) "
        f"SELECT new.id, new.{column} WHERE {where.format(row='new')};"
    )
    return [
        f"CREATE TRIGGER {fts}_inserted AFTER INSERT ON {table} BEGIN {inserted} END",
        f"CREATE TRIGGER {fts}_deleted AFTER DELETE ON {table} BEGIN {deleted} END",
        # One trigger, in this order: an insert before the delete of the same row's old
        # values would lose the trigrams the two share.
        f"CREATE TRIGGER {fts}_updated AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {deleted} {inserted} END",
    ]


def run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql, params=None)
