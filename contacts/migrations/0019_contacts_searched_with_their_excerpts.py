"""A contact is searched through one document: its summary and its citations' excerpts.

Before, a contact search read two indexes (the contacts' summaries and the citations'
excerpts) and joined their matches; a common word then collected every matching contact
before the page could take its 50 (seconds at a million contacts). Now each contact's
indexed text is its summary followed by its excerpts (in citation order), stemmed in the
contact's language (its first citation's source's), so one index answers, in the page's
order, as statements and sources do.

SQLite: the FTS5 table `contacts_contact_fts` is rebuilt from that text, and every change
to a citation (not only a contact's first) indexes its contact again. PostgreSQL: a column
`search_excerpts`, kept by the citations' trigger, holds the excerpts, and the stored
`summary_document` becomes `search_document` over the summary and it. Self-contained:
nothing is imported from the app (the SQL helpers repeat migration 0015's on purpose).
"""

from django.db import migrations

CONTACT_LANGUAGE = (
    "(SELECT s.language FROM contacts_citation c JOIN contacts_source s ON s.id = "
    "c.source_id WHERE c.contact_id = {row}.id ORDER BY c.id LIMIT 1)"
)
EXCERPTS = (
    "COALESCE((SELECT char(10) || group_concat(excerpt, char(10)) FROM (SELECT excerpt "
    "FROM contacts_citation WHERE contact_id = {row}.id ORDER BY id)), '')"
)
TERMS = {  # table: SQL of a row's indexed terms; `{row}` is the row's name
    "contacts_contact": f"tracker_search_terms({{row}}.summary || {EXCERPTS}, "
    f"{CONTACT_LANGUAGE})",
    "contacts_citation": "tracker_search_terms({row}.excerpt, "
    "(SELECT language FROM contacts_source WHERE id = {row}.source_id))",
}
OLD_CONTACT_TERMS = f"tracker_search_terms({{row}}.summary, {CONTACT_LANGUAGE})"


def run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def reindexed(table, row_id, terms, condition="1"):
    """Statements that index `table`'s row `row_id` again (when `condition` holds)."""
    return (
        f"DELETE FROM {table}_fts WHERE rowid = {row_id} AND {condition}; "
        f"INSERT INTO {table}_fts(rowid, terms) SELECT id, {terms.format(row=table)} "
        f"FROM {table} WHERE id = {row_id} AND {condition}; "
    )


def sqlite_triggers(contact_terms, every_citation):
    """The triggers of the contacts' and citations' FTS5 tables (and the sources' language
    trigger, which indexes both again), for a contact's indexed terms `contact_terms`."""
    contact, citation = "contacts_contact", "contacts_citation"
    statements = []
    for table, watched in ((contact, "summary"), (citation, "excerpt, source_id, contact_id")):
        terms = contact_terms if table == contact else TERMS[citation]
        fts = f"{table}_fts"
        on_insert = f"INSERT INTO {fts}(rowid, terms) VALUES (new.id, {terms.format(row='new')}); "
        on_update = f"DELETE FROM {fts} WHERE rowid = old.id; {on_insert}"
        on_delete = f"DELETE FROM {fts} WHERE rowid = old.id; "
        if table == citation:
            first = (  # before: only a contact's first citation changed its language
                "1"
                if every_citation
                else f"NOT EXISTS (SELECT 1 FROM {citation} WHERE contact_id = new.contact_id "
                "AND id < new.id)"
            )
            on_insert += reindexed(contact, "new.contact_id", contact_terms, first)
            on_update += reindexed(contact, "old.contact_id", contact_terms)
            on_update += reindexed(contact, "new.contact_id", contact_terms)
            on_delete += reindexed(contact, "old.contact_id", contact_terms)
        statements += [
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {on_insert}END",
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {watched} ON {table} "
            f"BEGIN {on_update}END",
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {on_delete}END",
        ]
    cited = "SELECT id FROM contacts_citation WHERE source_id = new.id"
    contacts = "SELECT contact_id FROM contacts_citation WHERE source_id = new.id"
    reindex = ""
    for table, ids, terms in ((citation, cited, TERMS[citation]), (contact, contacts, contact_terms)):
        reindex += (
            f"DELETE FROM {table}_fts WHERE rowid IN ({ids}); "
            f"INSERT INTO {table}_fts(rowid, terms) SELECT id, {terms.format(row=table)} "
            f"FROM {table} WHERE id IN ({ids}); "
        )
    statements.append(
        "CREATE TRIGGER contacts_source_fts_language AFTER UPDATE OF language ON "
        "contacts_source WHEN old.language IS NOT new.language "
        f"BEGIN {reindex}END"
    )
    return statements


def sqlite_rebuild(schema_editor, contact_terms, every_citation):
    names = [
        f"{table}_fts_{event}"
        for table in ("contacts_contact", "contacts_citation")
        for event in ("insert", "update", "delete")
    ]
    run(
        schema_editor,
        [
            *(f"DROP TRIGGER IF EXISTS {name}" for name in names),
            "DROP TRIGGER IF EXISTS contacts_source_fts_language",
            "DELETE FROM contacts_contact_fts",
            "INSERT INTO contacts_contact_fts(rowid, terms) SELECT id, "
            f"{contact_terms.format(row='contacts_contact')} FROM contacts_contact",
            *sqlite_triggers(contact_terms, every_citation),
        ],
    )


def schema_of(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return cursor.fetchone()[0]


def citation_changed(with_excerpts, schema):
    """migration 0016's citation trigger function, keeping the contact's excerpts too."""
    calls = ["tracker_contact_language({row}.contact_id)"]
    if with_excerpts:
        calls.append("tracker_contact_excerpts({row}.contact_id)")

    def perform(row):
        return " ".join(f"PERFORM {call.format(row=row)};" for call in calls)

    return f"""CREATE OR REPLACE FUNCTION tracker_citation_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = "{schema}", pg_catalog AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.contact_id IS NOT NULL THEN {perform("OLD")} END IF;
        IF TG_OP <> 'DELETE' AND NEW.contact_id IS NOT NULL THEN {perform("NEW")} END IF;
        RETURN NULL;
    END $$"""


def citation_trigger(watched):
    return [
        "DROP TRIGGER IF EXISTS contacts_citation_contact_language ON contacts_citation",
        "CREATE TRIGGER contacts_citation_contact_language AFTER INSERT OR DELETE OR UPDATE OF "
        f"{watched} ON contacts_citation FOR EACH ROW EXECUTE FUNCTION tracker_citation_changed()",
    ]


def document(column, text):
    return [
        f"ALTER TABLE contacts_contact ADD COLUMN {column} tsvector GENERATED ALWAYS AS "
        f"(tracker_search_document(search_language, {text})) STORED",
        f"CREATE INDEX contact_{column} ON contacts_contact USING GIN ({column})",
    ]


def postgresql_forward(schema_editor):
    schema = schema_of(schema_editor)
    run(
        schema_editor,
        [
            "ALTER TABLE contacts_contact ADD COLUMN search_excerpts text NOT NULL DEFAULT ''",
            "UPDATE contacts_contact k SET search_excerpts = f.excerpts FROM (SELECT contact_id, "
            "string_agg(excerpt, E'\\n' ORDER BY id) AS excerpts FROM contacts_citation "
            "WHERE contact_id IS NOT NULL GROUP BY contact_id) f WHERE f.contact_id = k.id",
            f"""CREATE FUNCTION tracker_contact_excerpts(contact bigint) RETURNS void
            LANGUAGE sql SET search_path = "{schema}", pg_catalog AS $$
            UPDATE contacts_contact k SET search_excerpts = f.excerpts
            FROM (SELECT coalesce(string_agg(excerpt, E'\\n' ORDER BY id), '') AS excerpts
                FROM contacts_citation WHERE contact_id = contact) f
            WHERE k.id = contact AND k.search_excerpts IS DISTINCT FROM f.excerpts $$""",
            citation_changed(True, schema),
            *citation_trigger("contact_id, source_id, search_language, excerpt"),
            "ALTER TABLE contacts_contact DROP COLUMN summary_document",
            *document("search_document", "summary || E'\\n' || search_excerpts"),
        ],
    )


def postgresql_backward(schema_editor):
    run(
        schema_editor,
        [
            "ALTER TABLE contacts_contact DROP COLUMN search_document",
            *document("summary_document", "summary"),
            citation_changed(False, schema_of(schema_editor)),
            *citation_trigger("contact_id, source_id, search_language"),
            "DROP FUNCTION tracker_contact_excerpts(bigint)",
            "ALTER TABLE contacts_contact DROP COLUMN search_excerpts",
        ],
    )


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        postgresql_forward(schema_editor)
    else:
        sqlite_rebuild(schema_editor, TERMS["contacts_contact"], every_citation=True)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        postgresql_backward(schema_editor)
    else:
        sqlite_rebuild(schema_editor, OLD_CONTACT_TERMS, every_citation=False)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0018_sources_listed_in_index_order")]

    operations = [migrations.RunPython(forward, backward)]
