"""The sources' citing counts and the people's activity counts kept in tables of their own
(contacts.models.counts), filled for the existing rows, and the triggers that keep them.

The SQL is written here for each database (no app code imported), as in migration 0009:
SQLite fires a trigger per row; PostgreSQL once per statement, over the rows it changed
(transition tables), so that a bulk load pays one UPDATE per statement.

A person's counts move by one per participant or statement: they are plain counts. A
source's are of distinct contacts and statements, so a changed citation recounts its
source. On PostgreSQL the touched counts rows are locked first, in id order, and then
recounted by a statement of its own: under READ COMMITTED that statement sees every citation
committed by an edit it waited for, so two edits of one source never keep a stale count.
"""

import django.db.models.deletion
from django.db import migrations, models

OPERATIONS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}
TRANSITIONS = {
    "insert": "NEW TABLE AS new_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
}
# (table, column naming the person, the counts' column)
MOVES = [
    ("contacts_participant", "person_id", "contacts"),
    ("contacts_statement", "speaker_id", "statements"),
]
ENDS = ["new_insert", "gone_delete"]  # a source's or person's counts row: made, removed
OWNERS = [
    ("contacts_source", "contacts_sourcecounts", "source_id"),
    ("contacts_person", "contacts_personcounts", "person_id"),
]


def recount(source):
    """SQL setting the source `source`'s counts from its citations."""
    return (
        "UPDATE contacts_sourcecounts SET "
        "contacts = (SELECT COUNT(DISTINCT contact_id) FROM contacts_citation "
        f"WHERE source_id = {source}), "
        "statements = (SELECT COUNT(DISTINCT statement_id) FROM contacts_citation "
        f"WHERE source_id = {source}) "
        f"WHERE source_id = {source};"
    )


def sqlite_triggers():
    for owner, counts, key in OWNERS:
        yield (
            f"CREATE TRIGGER {counts}_new_insert AFTER INSERT ON {owner} BEGIN "
            f"INSERT INTO {counts} ({key}, contacts, statements) VALUES (NEW.id, 0, 0); END"
        )
        yield (
            f"CREATE TRIGGER {counts}_gone_delete AFTER DELETE ON {owner} BEGIN "
            f"DELETE FROM {counts} WHERE {key} = OLD.id; END"
        )
    for operation, rows in OPERATIONS.items():
        of, when = "", ""
        if operation == "update":  # only when a citation moves between sources or records
            columns = ("source_id", "contact_id", "statement_id")
            of = f" OF {', '.join(columns)}"
            when = " WHEN " + " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        body = " ".join(recount(f"{row}.source_id") for row in rows)
        yield (
            f"CREATE TRIGGER contacts_sourcecounts_{operation} AFTER {operation.upper()}{of} "
            f"ON contacts_citation{when} BEGIN {body} END"
        )
    for table, person, column in MOVES:
        for operation, rows in OPERATIONS.items():
            of, when = "", f" WHEN {rows[0]}.{person} IS NOT NULL"
            if operation == "update":
                of, when = f" OF {person}", f" WHEN OLD.{person} IS NOT NEW.{person}"
            body = " ".join(
                f"UPDATE contacts_personcounts SET {column} = {column} "
                f"{'-' if row == 'OLD' else '+'} 1 WHERE person_id = {row}.{person};"
                for row in rows
            )
            yield (
                f"CREATE TRIGGER {table}_personcounts_{operation} AFTER {operation.upper()}{of} "
                f"ON {table}{when} BEGIN {body} END"
            )


def changed(operation, column, signed=False):
    """SQL of the rows a PostgreSQL statement changed: `column` (and +1/-1 when `signed`)."""
    new, old = f"SELECT {column}, 1 AS n FROM new_rows", f"SELECT {column}, -1 AS n FROM old_rows"
    if not signed:
        new, old = f"SELECT {column} FROM new_rows", f"SELECT {column} FROM old_rows"
    parts = {"insert": [new], "delete": [old], "update": [old, new]}[operation]
    return " UNION ALL ".join(parts)


def branches(statements):
    """A plpgsql body running `statements[operation]` for the trigger's operation."""
    lines = [
        f"    {'ELSIF' if lines else 'IF'} TG_OP = '{operation.upper()}' THEN {sql}"
        for lines, (operation, sql) in enumerate(statements.items())
    ]
    return "\n".join([*lines, "    END IF;"])


def touched_sources(operation):
    """The sources whose citations the statement added, removed, or moved between sources
    or records (an edited note or excerpt recounts nothing, and locks nothing)."""
    rows = changed(operation, "source_id")
    if operation == "update":
        moved = "(o.source_id, o.contact_id, o.statement_id) IS DISTINCT FROM " + (
            "(n.source_id, n.contact_id, n.statement_id)"
        )
        rows = (
            "SELECT o.source_id FROM old_rows o JOIN new_rows n USING (id) WHERE "
            f"{moved} UNION SELECT n.source_id FROM old_rows o JOIN new_rows n USING (id) "
            f"WHERE {moved}"
        )
    return f"SELECT array_agg(DISTINCT source_id) INTO touched FROM ({rows}) r;"


def moved_people(operation, person, column):
    return (
        f"UPDATE contacts_personcounts c SET {column} = c.{column} + m.n "
        f"FROM (SELECT {person} AS person, SUM(n) AS n FROM "
        f"({changed(operation, person, signed=True)}) r WHERE {person} IS NOT NULL "
        f"GROUP BY {person}) m WHERE c.person_id = m.person AND m.n <> 0;"
    )


def postgresql_function(name, body):
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "DECLARE touched bigint[];  -- the sources recounted\n"
        f"BEGIN\n{body}\n    RETURN NULL;\nEND\n$$"
    )


def statement_trigger(name, table, function, operation):
    return (
        f"CREATE TRIGGER {name}_{operation} AFTER {operation.upper()} ON {table} "
        f"REFERENCING {TRANSITIONS[operation]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def postgresql_triggers():
    for owner, counts, key in OWNERS:
        yield postgresql_function(
            f"{counts}_new",
            f"    INSERT INTO {counts} ({key}, contacts, statements) "
            "SELECT id, 0, 0 FROM new_rows;",
        )
        yield statement_trigger(f"{counts}_new", owner, f"{counts}_new", "insert")
        yield postgresql_function(
            f"{counts}_gone", f"    DELETE FROM {counts} WHERE {key} IN (SELECT id FROM old_rows);"
        )
        yield statement_trigger(f"{counts}_gone", owner, f"{counts}_gone", "delete")
    touched = branches({op: touched_sources(op) for op in OPERATIONS})
    lock = (
        "    PERFORM 1 FROM contacts_sourcecounts WHERE source_id = ANY(touched) "
        "ORDER BY source_id FOR UPDATE;\n"
        "    UPDATE contacts_sourcecounts c SET "
        "contacts = (SELECT COUNT(DISTINCT contact_id) FROM contacts_citation "
        "WHERE source_id = c.source_id), "
        "statements = (SELECT COUNT(DISTINCT statement_id) FROM contacts_citation "
        "WHERE source_id = c.source_id) WHERE c.source_id = ANY(touched);"
    )
    yield postgresql_function("contacts_sourcecounts_recount", f"{touched}\n{lock}")
    for operation in OPERATIONS:
        yield statement_trigger(
            "contacts_sourcecounts", "contacts_citation", "contacts_sourcecounts_recount", operation
        )
    for table, person, column in MOVES:
        function = f"{table}_personcounts_move"
        body = branches({op: moved_people(op, person, column) for op in OPERATIONS})
        yield postgresql_function(function, body)
        for operation in OPERATIONS:
            yield statement_trigger(f"{table}_personcounts", table, function, operation)


FILL = [
    "INSERT INTO contacts_sourcecounts (source_id, contacts, statements) "
    "SELECT s.id, COALESCE(c.contacts, 0), COALESCE(c.statements, 0) FROM contacts_source s "
    "LEFT JOIN (SELECT source_id, COUNT(DISTINCT contact_id) AS contacts, "
    "COUNT(DISTINCT statement_id) AS statements FROM contacts_citation GROUP BY source_id) c "
    "ON c.source_id = s.id",
    "INSERT INTO contacts_personcounts (person_id, contacts, statements) "
    "SELECT p.id, COALESCE(c.n, 0), COALESCE(s.n, 0) FROM contacts_person p "
    "LEFT JOIN (SELECT person_id, COUNT(*) AS n FROM contacts_participant "
    "WHERE person_id IS NOT NULL GROUP BY person_id) c ON c.person_id = p.id "
    "LEFT JOIN (SELECT speaker_id, COUNT(*) AS n FROM contacts_statement "
    "WHERE speaker_id IS NOT NULL GROUP BY speaker_id) s ON s.speaker_id = p.id",
]


# PostgreSQL: no write lands between the fill's snapshot and the triggers (SQLite's writes
# are serialized already).
LOCKED = (
    "LOCK TABLE contacts_source, contacts_person, contacts_citation, contacts_participant, "
    "contacts_statement IN SHARE ROW EXCLUSIVE MODE"
)


def fill_and_keep(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(LOCKED)
    for statement in FILL:
        schema_editor.execute(statement)
    for statement in sqlite_triggers() if vendor == "sqlite" else postgresql_triggers():
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    names = [(f"{counts}_{end}", owner) for owner, counts, _ in OWNERS for end in ENDS]
    names += [(f"contacts_sourcecounts_{op}", "contacts_citation") for op in OPERATIONS]
    names += [(f"{table}_personcounts_{op}", table) for table, _, _ in MOVES for op in OPERATIONS]
    for name, table in names:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {name}{f' ON {table}' if postgresql else ''}"
        )
    if postgresql:
        functions = [f"{counts}_{end.split('_')[0]}" for _, counts, _ in OWNERS for end in ENDS]
        functions += ["contacts_sourcecounts_recount"]
        functions += [f"{table}_personcounts_move" for table, _, _ in MOVES]
        for function in functions:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0013_contact_participant_cells"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonCounts",
            fields=[
                (
                    "person",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="counts",
                        serialize=False,
                        to="contacts.person",
                    ),
                ),
                ("contacts", models.PositiveIntegerField(default=0)),
                ("statements", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "person counts",
                "indexes": [
                    models.Index(fields=["contacts", "person"], name="person_counts_contacts"),
                    models.Index(fields=["statements", "person"], name="person_counts_statements"),
                ],
            },
        ),
        migrations.CreateModel(
            name="SourceCounts",
            fields=[
                (
                    "source",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="counts",
                        serialize=False,
                        to="contacts.source",
                    ),
                ),
                ("contacts", models.PositiveIntegerField(default=0)),
                ("statements", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "source counts",
                "indexes": [
                    models.Index(fields=["contacts", "source"], name="source_counts_contacts"),
                    models.Index(fields=["statements", "source"], name="source_counts_statements"),
                ],
            },
        ),
        migrations.RunPython(fill_and_keep, drop_triggers, elidable=False),
    ]
