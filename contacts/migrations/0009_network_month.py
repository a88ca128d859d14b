"""A whole month's network kept per month (contacts.models.network), and the triggers that
delete a month whenever a participant of one of its contacts is added, changed or removed.

The SQL is written here for each database (no app code imported): SQLite fires a trigger
per row; PostgreSQL once per statement, over the rows it changed (transition tables), so
that a bulk load pays one DELETE per statement. There each edit also holds a shared advisory
lock until it commits, so that a month counted while an edit is in flight is not kept.
"""

from django.db import migrations, models

TABLE = "contacts_participant"
EDIT_LOCK = 7360514  # PostgreSQL advisory lock: as contacts.network.months.EDIT_LOCK
OPERATIONS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def stale(row, start_of_month):
    """The months `row` (a participant) touches: from its contact's first month to its end."""
    return (
        f"DELETE FROM contacts_networkmonth WHERE {row}.contact_date IS NULL OR (month >= "
        f"{start_of_month} AND month <= COALESCE({row}.contact_end, {row}.contact_date));"
    )


def sqlite_triggers():
    for operation, rows in OPERATIONS.items():
        body = " ".join(stale(row, f"date({row}.contact_date, 'start of month')") for row in rows)
        yield (
            f"CREATE TRIGGER network_month_stale_{operation} AFTER {operation.upper()} ON "
            f"{TABLE} BEGIN {body} END"
        )


POSTGRESQL_STALE = """
        DELETE FROM contacts_networkmonth m
        USING (SELECT DISTINCT contact_date, contact_end FROM {rows}) r
        WHERE r.contact_date IS NULL OR (m.month >= date_trunc('month', r.contact_date)::date
            AND m.month <= COALESCE(r.contact_end, r.contact_date));"""
POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION contacts_network_month_stale() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Held until the edit commits: a month counted meanwhile is not kept (network/months.py).
    PERFORM pg_advisory_xact_lock_shared({EDIT_LOCK});
    IF TG_OP IN ('UPDATE', 'DELETE') THEN{POSTGRESQL_STALE.format(rows="old_rows")}
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN{POSTGRESQL_STALE.format(rows="new_rows")}
    END IF;
    RETURN NULL;
END
$$
"""
TRANSITIONS = {
    "insert": "NEW TABLE AS new_rows",
    "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "OLD TABLE AS old_rows",
}


def postgresql_triggers():
    yield POSTGRESQL_FUNCTION
    for operation, transition in TRANSITIONS.items():
        yield (
            f"CREATE TRIGGER network_month_stale_{operation} AFTER {operation.upper()} ON "
            f"{TABLE} REFERENCING {transition} FOR EACH STATEMENT "
            "EXECUTE FUNCTION contacts_network_month_stale()"
        )


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = sqlite_triggers() if vendor == "sqlite" else postgresql_triggers()
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    on = "" if schema_editor.connection.vendor == "sqlite" else f" ON {TABLE}"
    for operation in OPERATIONS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS network_month_stale_{operation}{on}")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS contacts_network_month_stale()")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0008_contact_kind_date_end"),
    ]

    operations = [
        migrations.CreateModel(
            name="NetworkMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(help_text="The month's first day.")),
                ("group", models.CharField(max_length=10)),
                ("rows", models.TextField(help_text="The counted pairs and nodes, as JSON.")),
                ("counted_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("month", "group"), name="network_month_once")
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
