"""Trigram indexes of text columns, for `LIKE '%…%'` (`contacts.search.substrings`):

- PostgreSQL: a GIN index of pg_trgm's trigrams (pg_trgm is trusted: a database owner may
  create it), of the column as it stands or, for a match that ignores case, of its
  `upper()` as Django's icontains compares it.
- SQLite: an FTS5 table with the trigram tokenizer over the column
  (external content: the index alone is stored), kept by triggers; its LIKE reads the index
  when the pattern holds three characters between wildcards and has no ESCAPE.

Either is named `<table>_<column>_trigrams`. Only the rows `where` selects are indexed (SQL
over the row `{row}`); SQLite's triggers watch the columns `watched`. The rows already there
are indexed. A later migration that rebuilds an indexed table on SQLite drops its triggers
and must put them back (`sqlite_create`).

A helper of the migrations (the loader skips modules starting with "_"): it imports nothing
from the app.
"""


def postgresql_create(table, column, where="", upper=False):
    expression = f"upper({column}::text)" if upper else column
    condition = f" WHERE {where.replace('{row}.', '')}" if where else ""
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX {table}_{column}_trigrams ON {table} "
        f"USING gin ({expression} gin_trgm_ops){condition}",
    ]


def sqlite_create(table, column, where, watched):
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
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {fts}_inserted AFTER INSERT ON {table} BEGIN {inserted} END",
        f"CREATE TRIGGER {fts}_deleted AFTER DELETE ON {table} BEGIN {deleted} END",
        # One trigger, in this order: an insert before the delete of the same row's old
        # values would lose the trigrams the two share.
        f"CREATE TRIGGER {fts}_updated AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {deleted} {inserted} END",
        f"INSERT INTO {fts}(rowid, {column}) SELECT id, {column} FROM {table} "
        f"WHERE {where.format(row=table)}",
    ]


def create(schema_editor, table, column, where="", upper=False, watched=None):
    if schema_editor.connection.vendor == "postgresql":
        statements = postgresql_create(table, column, where, upper)
    else:
        statements = sqlite_create(table, column, where or "1", watched or column)
    for sql in statements:
        schema_editor.execute(sql)


def drop(schema_editor, table, column):
    """The index (on PostgreSQL the extension is left: other objects may use it)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trigrams")
        return
    fts = f"{table}_{column}_trigrams"
    for trigger in ("inserted", "deleted", "updated"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
