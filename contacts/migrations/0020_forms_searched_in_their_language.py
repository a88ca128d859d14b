"""A word form that only German, French or Spanish stemming gives is searched in the texts
of those languages only; on SQLite, an unstemmed phrase meets only words side by side.

A search does not know the language of its words, so it looks for each word's form under
every rule. Before, every form was looked for in every text: the French stem of "news"
("new") found English texts saying "new", the Spanish one of "their" ("the") almost every
text. A German, French or Spanish text now also holds its rule's marker (`words.MARKERS`:
ǁde, ǁfr, ǁes), and a form only those rules give is searched together with the marker.
PostgreSQL: `tracker_search_document` adds the marker and `tracker_phrase_query` scopes
those forms, and the rows in another language than English or Russian are indexed again
(only those can hold a marker). SQLite: `words.index_terms` adds it and `expressions.fts5`
scopes them.

SQLite's index also kept the unstemmed words (for prefix searches) after the stems, each
once and side by side, so that an unstemmed phrase ("extremely dangerous") met words the
text holds apart ("extremely serious and dangerous"). They are now kept in order with a gap
wherever words are left out, as PostgreSQL's positions already have them: every row is
indexed again (on a large archive this takes as long as building the index did).
"""

from django.db import migrations

from . import _search_sqlite

MARKERS = {1: "\\01C1de", 2: "\\01C1fr", 3: "\\01C1es"}  # by configuration
CONFIGURATIONS = ("tracker_en_ru", "tracker_german", "tracker_french", "tracker_spanish")
FORMS = ", ".join(
    f"({n}, phraseto_tsquery('{name}'::regconfig, words)::text)"
    for n, name in enumerate((*CONFIGURATIONS, "tracker_simple"))
)
RULE_MARKERS = ", ".join(f"({n}, U&'{marker}')" for n, marker in MARKERS.items())
SCOPED = f"""CREATE OR REPLACE FUNCTION tracker_phrase_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE BEGIN ATOMIC
    SELECT coalesce(string_agg('((' || form || ')' || CASE WHEN everywhere THEN ''
        ELSE ' & (' || markers || ')' END || ')', ' | ' ORDER BY first), '')::tsquery
    FROM (SELECT form, min(n) AS first, bool_or(n IN (0, 4)) AS everywhere,
            string_agg(quote_literal(marker), ' | ' ORDER BY n) AS markers
        FROM (VALUES {FORMS}) AS read_as(n, form)
        LEFT JOIN (VALUES {RULE_MARKERS}) AS rules(rule, marker) ON rule = n
        WHERE form <> '' GROUP BY form) AS forms; END"""
ONCE_PER_FORM = f"""CREATE OR REPLACE FUNCTION tracker_phrase_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE BEGIN ATOMIC
    SELECT coalesce(string_agg('(' || form || ')', ' | ' ORDER BY first), '')::tsquery
    FROM (SELECT form, min(n) AS first FROM (VALUES {FORMS}) AS read_as(n, form)
        WHERE form <> '' GROUP BY form) AS forms; END"""  # as 0018 made it
MARKED = " ".join(
    f"WHEN '{CONFIGURATIONS[n]}'::regconfig THEN (U&'{marker}')::tsvector"
    for n, marker in MARKERS.items()
)
DOCUMENT = """CREATE OR REPLACE FUNCTION tracker_search_document(language text, body text)
    RETURNS tsvector {setting} LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        rule regconfig := tracker_search_config(language);
        full_text text := coalesce(body, '') || ' ' || tracker_joined_compounds(body);
        stems tsvector := to_tsvector(rule, full_text);
    BEGIN
        RETURN stems || ts_delete(to_tsvector('tracker_simple'::regconfig, full_text),
            tsvector_to_array(stems)){marker};
    END $$"""
WITH_MARKER = f" || CASE rule {MARKED} ELSE ''::tsvector END"
WRITTEN = {  # table: (a column its document is computed from, its language column)
    "contacts_statement": ("text", "language"),
    "contacts_contact": ("summary", "search_language"),
    "contacts_citation": ("excerpt", "search_language"),
    "contacts_source": ("text", "language"),
}
NOT_ENGLISH = "COALESCE({language}, '') NOT IN ('', 'en', 'ru')"  # a superset: 'en-GB' too


def postgresql(phrase_query, marker):
    def run(schema_editor):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        setting = f'SET search_path = "{schema}", pg_catalog'
        schema_editor.execute(DOCUMENT.format(setting=setting, marker=marker), params=None)
        schema_editor.execute(phrase_query, params=None)
        for table, (column, language) in WRITTEN.items():
            where = NOT_ENGLISH.format(language=language)
            schema_editor.execute(
                f"UPDATE {table} SET {column} = {column} WHERE {where}", params=None
            )

    return run


def sqlite(schema_editor):
    """Every row, indexed again (undone: with today's `index_terms`, as it is)."""
    _search_sqlite.reindex_where(schema_editor, lambda text, language: "1", optimize=True)


def reindexing(phrase_query, marker):
    def reindex(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            postgresql(phrase_query, marker)(schema_editor)
        else:
            sqlite(schema_editor)

    return reindex


class Migration(migrations.Migration):
    dependencies = [("contacts", "0019_zero_width_non_joiner_compounds")]

    operations = [
        migrations.RunPython(
            reindexing(SCOPED, WITH_MARKER), reindexing(ONCE_PER_FORM, ""), elidable=False
        ),
    ]
