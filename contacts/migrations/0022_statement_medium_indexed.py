"""SQLite: the statements' full-text index also holds each statement's medium.

A search beside a medium filter ("minister", tweets only) was counted by walking the
word's matches in the index and looking each statement up to read its medium: a word in
most statements, tweets one in eight, and a million-statement archive read 80,000
statements to count 10,001 tweets. With the medium in the index as a second column, the
count asks the index for both (`terms : (…) AND medium : "ǁmtweet"`) and looks up only the
statements that match both. Searches name the `terms` column (`search.expressions`). The
medium is indexed as one word that no text gives, behind a marker ("ǁmtvinterview").

The index is made again from the terms it already holds (no word is stemmed again), and
the triggers keep the medium current. PostgreSQL is unchanged: its planner reads the
medium's own index (`statement_medium`, migration 0001).
"""

from django.db import migrations

from . import _search_sqlite

TABLE = "contacts_statement"
FTS = f"{TABLE}_fts"
KEPT = "temp.statement_terms_0022"
MEDIUM = "char(449) || 'm' || replace({row}.medium, '_', '')"  # as `_search_sqlite.COPIED`


def rebuilt(copied):
    """The statements' index made again with `copied` columns beside its terms."""

    def rebuild(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        names, values = _search_sqlite.copied_columns(copied, "s")
        statements = [
            *(f"DROP TRIGGER IF EXISTS {FTS}_{name}" for name in ("insert", "update", "delete")),
            f"CREATE TABLE {KEPT} (id INTEGER PRIMARY KEY, terms TEXT)",
            f"INSERT INTO {KEPT} (id, terms) SELECT rowid, terms FROM {FTS}",
            f"DROP TABLE {FTS}",
            _search_sqlite.create_index(TABLE, copied),
            f"INSERT INTO {FTS}(rowid, terms{names}) SELECT k.id, k.terms{values} "
            f"FROM {KEPT} k JOIN {TABLE} s ON s.id = k.id",
            f"DROP TABLE {KEPT}",
            f"INSERT INTO {FTS}({FTS}) VALUES('optimize')",
            *_search_sqlite.triggers(TABLE, copied),
        ]
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return rebuild


class Migration(migrations.Migration):
    dependencies = [("contacts", "0021_network_month_kept_as_drawn")]

    operations = [
        migrations.RunPython(
            rebuilt({"medium": MEDIUM}), rebuilt({}), elidable=False
        ),
    ]
