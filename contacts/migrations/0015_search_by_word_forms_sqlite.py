"""SQLite: full-text search by word form, in the language of each text; the articles too.

Rebuilds the FTS5 indexes of statements' text, contacts' summaries and citations' excerpts
(migrations 0005 and 0007) and adds one for sources (title and text). Each table has an
FTS5 table `<table>_fts` whose column `terms` holds the text's stems in its language (see
contacts/search/words.py): a statement's `language`, a citation's source's, a contact's
first citation's source's, a source's own; English when none is given. The stems come from
`tracker_search_terms(text, language)`, a Python function that every Django connection
registers (contacts/search/sqlite_function.py), and triggers keep the FTS5 tables current.
A later migration that rebuilds one of these tables on SQLite drops its triggers and must
put them back (tests/test_search.py writes to each table in raw SQL and searches).
Self-contained: nothing is imported from the app. PostgreSQL: see migration 0016.
"""

from django.db import migrations

TABLES = {  # table: (text as SQL, language as SQL); `{row}` is the row's name
    "contacts_statement": ("{row}.text", "{row}.language"),
    "contacts_contact": (
        "{row}.summary",
        "(SELECT s.language FROM contacts_citation c JOIN contacts_source s ON s.id = "
        "c.source_id WHERE c.contact_id = {row}.id ORDER BY c.id LIMIT 1)",
    ),
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
OLD = {"contacts_statement": "text", "contacts_contact": "summary", "contacts_citation": "excerpt"}


def run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def terms(table, row):
    text, language = TABLES[table]
    return f"tracker_search_terms({text.format(row=row)}, {language.format(row=row)})"


def reindexed(table, row_id, condition="1"):
    """Statements that index `table`'s row `row_id` again (when `condition` holds)."""
    return (
        f"DELETE FROM {table}_fts WHERE rowid = {row_id} AND {condition}; "
        f"INSERT INTO {table}_fts(rowid, terms) SELECT id, {terms(table, table)} "
        f"FROM {table} WHERE id = {row_id} AND {condition}; "
    )


def reindexed_rows(table, ids):
    """Statements that index again `table`'s rows whose ids the query `ids` selects."""
    return (
        f"DELETE FROM {table}_fts WHERE rowid IN ({ids}); "
        f"INSERT INTO {table}_fts(rowid, terms) SELECT id, {terms(table, table)} "
        f"FROM {table} WHERE id IN ({ids}); "
    )


def sqlite_triggers(table):
    fts, watched = f"{table}_fts", WATCHED[table]
    on_insert = f"INSERT INTO {fts}(rowid, terms) VALUES (new.id, {terms(table, 'new')}); "
    on_update = f"DELETE FROM {fts} WHERE rowid = old.id; {on_insert}"
    on_delete = f"DELETE FROM {fts} WHERE rowid = old.id; "
    if table == "contacts_citation":  # a contact's first citation gives its language
        first = (
            "NOT EXISTS (SELECT 1 FROM contacts_citation WHERE contact_id = new.contact_id "
            "AND id < new.id)"
        )
        on_insert += reindexed("contacts_contact", "new.contact_id", first)
        on_update += reindexed("contacts_contact", "old.contact_id")
        on_update += reindexed("contacts_contact", "new.contact_id")
        on_delete += reindexed("contacts_contact", "old.contact_id")
    triggers = {
        "insert": f"AFTER INSERT ON {table} BEGIN {on_insert}END",
        "update": f"AFTER UPDATE OF {watched} ON {table} BEGIN {on_update}END",
        "delete": f"AFTER DELETE ON {table} BEGIN {on_delete}END",
    }
    if table == "contacts_source":  # its citations and the contacts they back
        cited = "SELECT id FROM contacts_citation WHERE source_id = new.id"
        contacts = "SELECT contact_id FROM contacts_citation WHERE source_id = new.id"
        triggers["language"] = (
            "AFTER UPDATE OF language ON contacts_source WHEN old.language IS NOT new.language "
            f"BEGIN {reindexed_rows('contacts_citation', cited)}"
            f"{reindexed_rows('contacts_contact', contacts)}END"
        )
    return [f"CREATE TRIGGER {fts}_{name} {body}" for name, body in triggers.items()]


def sqlite_forward(schema_editor):
    statements = []
    for table in TABLES:
        fts = f"{table}_fts"
        statements += [f"DROP TRIGGER IF EXISTS {fts}_{name}" for name in ("insert", "update")]
        statements += [
            f"DROP TRIGGER IF EXISTS {fts}_delete",
            f"DROP TABLE IF EXISTS {fts}_vocab",
            f"DROP TABLE IF EXISTS {fts}",
            f"CREATE VIRTUAL TABLE {fts} USING fts5(terms, tokenize='{TOKENIZER}')",
            f"INSERT INTO {fts}(rowid, terms) SELECT id, {terms(table, table)} FROM {table}",
            *sqlite_triggers(table),
        ]
    run(schema_editor, statements)


def sqlite_backward(schema_editor):
    statements = []
    for table in TABLES:
        fts = f"{table}_fts"
        names = ("insert", "update", "delete", "language")
        statements += [f"DROP TRIGGER IF EXISTS {fts}_{name}" for name in names]
        statements.append(f"DROP TABLE IF EXISTS {fts}")
    for table, column in OLD.items():  # as migrations 0005 and 0007 made them
        fts = f"{table}_fts"
        statements += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
            f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN INSERT INTO "
            f"{fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
            f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
            f"CREATE VIRTUAL TABLE {fts}_vocab USING fts5vocab({fts}, 'row')",
        ]
    run(schema_editor, statements)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_forward(schema_editor)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sqlite_backward(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0014_administrators_unlock_log_ins")]

    operations = [migrations.RunPython(forward, backward)]
