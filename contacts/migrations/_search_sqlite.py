"""SQLite's full-text search, as the squashed migrations leave it (0005, 0007, 0015, 0019),
and the statements' medium beside their terms (0022, `COPIED`).

Each searchable table has an FTS5 table `<table>_fts` whose column `terms` holds the text's
stems in its language: a statement's `language`, a citation's source's, a contact's first
citation's source's, a source's own; English when none is given. A contact's text is its
summary followed by its citations' excerpts (in citation order), so one index answers a
contact search. The stems come from `tracker_search_terms(text, language)`, a Python
function that every Django connection registers (contacts/search/sqlite_function.py), and
triggers keep the FTS5 tables current. A later migration that rebuilds one of these tables
on SQLite drops its triggers and must put them back.

A helper of the migrations (the loader skips modules starting with "_"): it imports
nothing from the app.
"""

CONTACT_LANGUAGE = (
    "(SELECT s.language FROM contacts_citation c JOIN contacts_source s ON s.id = "
    "c.source_id WHERE c.contact_id = {row}.id ORDER BY c.id LIMIT 1)"
)
CONTACT_EXCERPTS = (
    "COALESCE((SELECT char(10) || group_concat(excerpt, char(10)) FROM (SELECT excerpt "
    "FROM contacts_citation WHERE contact_id = {row}.id ORDER BY id)), '')"
)
TABLES = {  # table: (text as SQL, language as SQL); `{row}` is the row's name
    "contacts_statement": ("{row}.text", "{row}.language"),
    "contacts_contact": (f"{{row}}.summary || {CONTACT_EXCERPTS}", CONTACT_LANGUAGE),
    "contacts_citation": (
        "{row}.excerpt",
        "(SELECT language FROM contacts_source WHERE id = {row}.source_id)",
    ),
    "contacts_source": ("{row}.title || char(10) || {row}.text", "{row}.language"),
}
WATCHED = {  # the columns whose change re-indexes a row
    "contacts_statement": "text, language",
    "contacts_contact": "summary",
    "contacts_citation": "excerpt, source_id, contact_id",
    "contacts_source": "title, text, language",
}
TOKENIZER = "unicode61 remove_diacritics 0"  # the terms come folded and stemmed
# From 0022 on, the statements' index also holds their medium, so that a search beside a
# medium filter is answered by the index alone: as one word no text gives, its underscores
# left out behind the marker "ǁm" ("tv_interview" as "ǁmtvinterview": not the words "tv
# interview", which a search for "interview" would meet, nor "tweet", a text's word too).
# A table's copied columns, {column: SQL of its indexed value}, are given to `triggers` and
# `create_index`; `reindex_where` reads which ones the table has.
COPIED = {"contacts_statement": {"medium": "char(449) || 'm' || replace({row}.medium, '_', '')"}}


def terms(table, row):
    text, language = TABLES[table]
    return f"tracker_search_terms({text.format(row=row)}, {language.format(row=row)})"


def reindexed(table, row_id):
    """Statements that index `table`'s row `row_id` again."""
    return (
        f"DELETE FROM {table}_fts WHERE rowid = {row_id}; "
        f"INSERT INTO {table}_fts(rowid, terms) SELECT id, {terms(table, table)} "
        f"FROM {table} WHERE id = {row_id}; "
    )


def reindexed_rows(table, ids, copied=None):
    """Statements that index again `table`'s rows whose ids the query `ids` selects, with
    the `copied` columns its FTS5 table holds."""
    names, values = copied_columns(copied or {}, table)
    return (
        f"DELETE FROM {table}_fts WHERE rowid IN ({ids}); "
        f"INSERT INTO {table}_fts(rowid, terms{names}) SELECT id, {terms(table, table)}{values} "
        f"FROM {table} WHERE id IN ({ids}); "
    )


def copied_in(schema_editor, table):
    """The copied columns `table`'s FTS5 table holds as the database has it now."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({table}_fts)")
        columns = [row[1] for row in cursor.fetchall()]
    return {c: sql for c, sql in COPIED.get(table, {}).items() if c in columns}


def reindex_where(schema_editor, condition, optimize=False):
    """Index again, in each table, the rows `condition(text SQL, language SQL)` selects;
    `optimize` when that is most of them: the index is then merged into one segment (a
    million rows deleted and written again left contacts' index in tens of thousands of
    pieces, and a common word's page walked it at 1.5 s instead of 45 ms)."""
    for table, (text, language) in TABLES.items():
        where = condition(text.format(row=table), language.format(row=table))
        ids = f"SELECT id FROM {table} WHERE {where}"
        copied = copied_in(schema_editor, table)
        for statement in reindexed_rows(table, ids, copied).split("; "):
            if statement.strip():
                schema_editor.execute(statement, params=None)
        if optimize:
            fts = f"{table}_fts"
            schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES('optimize')", params=None)


def copied_columns(copied, row):
    """(", name, …", ", value, …"): the `copied` columns and their values for `row`."""
    names = "".join(f", {column}" for column in copied)
    return names, "".join(f", {value.format(row=row)}" for value in copied.values())


def triggers(table, copied=None):
    """The triggers that keep `table`'s FTS5 table current, with its `copied` columns."""
    copied = copied or {}
    fts, watched = f"{table}_fts", ", ".join([WATCHED[table], *copied])
    names, values = copied_columns(copied, "new")
    on_insert = (
        f"INSERT INTO {fts}(rowid, terms{names}) VALUES (new.id, {terms(table, 'new')}{values}); "
    )
    on_update = f"DELETE FROM {fts} WHERE rowid = old.id; {on_insert}"
    on_delete = f"DELETE FROM {fts} WHERE rowid = old.id; "
    if table == "contacts_citation":  # a contact's text holds its excerpts
        on_insert += reindexed("contacts_contact", "new.contact_id")
        on_update += reindexed("contacts_contact", "old.contact_id")
        on_update += reindexed("contacts_contact", "new.contact_id")
        on_delete += reindexed("contacts_contact", "old.contact_id")
    statements = {
        "insert": f"AFTER INSERT ON {table} BEGIN {on_insert}END",
        "update": f"AFTER UPDATE OF {watched} ON {table} BEGIN {on_update}END",
        "delete": f"AFTER DELETE ON {table} BEGIN {on_delete}END",
    }
    if table == "contacts_source":  # its citations and the contacts they back
        cited = "SELECT id FROM contacts_citation WHERE source_id = new.id"
        contacts = "SELECT contact_id FROM contacts_citation WHERE source_id = new.id"
        statements["language"] = (
            "AFTER UPDATE OF language ON contacts_source WHEN old.language IS NOT new.language "
            f"BEGIN {reindexed_rows('contacts_citation', cited)}"
            f"{reindexed_rows('contacts_contact', contacts)}END"
        )
    return [f"CREATE TRIGGER {fts}_{name} {body}" for name, body in statements.items()]


def create(schema_editor):
    """The FTS5 tables, each filled from its table's rows, and their triggers."""
    for table in TABLES:
        fts = f"{table}_fts"
        for statement in [
            create_index(table),
            f"INSERT INTO {fts}(rowid, terms) SELECT id, {terms(table, table)} FROM {table}",
            *triggers(table),
        ]:
            schema_editor.execute(statement, params=None)


def create_index(table, copied=()):
    """The statement creating `table`'s FTS5 table: `terms`, then the `copied` columns."""
    columns = ", ".join(["terms", *copied])
    return f"CREATE VIRTUAL TABLE {table}_fts USING fts5({columns}, tokenize='{TOKENIZER}')"


def drop(schema_editor):
    for table in TABLES:
        fts = f"{table}_fts"
        for name in ("insert", "update", "delete", "language"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{name}", params=None)
        schema_editor.execute(f"DROP TABLE IF EXISTS {fts}", params=None)
