"""A word written with a zero-width non-joiner inside (Persian "خامنه‌ای", which many texts
write "خامنهای") is indexed as a compound, as a hyphenated word is: the joined word, then
its parts, so that either spelling finds the other.

PostgreSQL: `tracker_joined_compounds` (which adds "de-escalate" as "deescalate" to a
document) also joins words at a non-joiner. SQLite: `words.TOKEN` reads such a word as one
compound (Python, at index time). Both then index again the rows whose text holds a
non-joiner (a generated column is computed again when its row is written).
"""

from django.db import migrations

from . import _search_sqlite

JOINED = """CREATE OR REPLACE FUNCTION tracker_joined_compounds(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE BEGIN ATOMIC
    SELECT coalesce(string_agg(regexp_replace(m[1], '[-\\u200c]', '', 'g'), ' '), '')
    FROM regexp_matches(coalesce(body, ''), '([[:alnum:]]+([-\\u200c][[:alnum:]]+)+)', 'g')
        AS m; END"""
HYPHENS_ONLY = """CREATE OR REPLACE FUNCTION tracker_joined_compounds(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE BEGIN ATOMIC
    SELECT coalesce(string_agg(replace(m[1], '-', ''), ' '), '')
    FROM regexp_matches(coalesce(body, ''), '([[:alnum:]]+(-[[:alnum:]]+)+)', 'g') AS m;
    END"""  # as 0003 made it
WRITTEN = {  # table: the columns a document is computed from (PostgreSQL)
    "contacts_statement": ("text",),
    "contacts_contact": ("summary", "search_excerpts"),
    "contacts_citation": ("excerpt",),
    "contacts_source": ("title", "text"),
}


def postgresql_rows(definition):
    def run(schema_editor):
        schema_editor.execute(definition, params=None)
        for table, columns in WRITTEN.items():
            holding = " OR ".join(f"strpos({column}, U&'\\200C') > 0" for column in columns)
            schema_editor.execute(
                f"UPDATE {table} SET {columns[0]} = {columns[0]} WHERE {holding}", params=None
            )

    return run


def sqlite_rows(schema_editor):
    """The rows holding a non-joiner, indexed again (undone, with today's tokenizer: the
    same terms; only PostgreSQL's function changes back)."""
    _search_sqlite.reindex_where(
        schema_editor, lambda text, language: f"instr({text}, char(8204)) > 0"
    )


def reindexing(definition):
    def reindex(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            postgresql_rows(definition)(schema_editor)
        else:
            sqlite_rows(schema_editor)

    return reindex


class Migration(migrations.Migration):
    dependencies = [("contacts", "0018_phrase_query_once_per_form")]

    operations = [
        migrations.RunPython(reindexing(JOINED), reindexing(HYPHENS_ONLY), elidable=False),
    ]
