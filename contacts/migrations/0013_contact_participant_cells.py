"""The contacts export's participant cells kept on the contact's row (`Contact.initiator_cell`,
`others_cell`, `countries_cell`, refreshed with `participant_text`), so that a CSV writes
them as read. Existing rows are filled from their `participant_text` by a copy of
`participant_cells` (a migration imports no app code)."""

import json

from django.db import migrations, models

CELLS = ["initiator_cell", "others_cell", "countries_cell"]
TRUE_TEXT = {"1", "true"}
CHUNK = 2000
SQLITE = (
    "UPDATE contacts_contact SET initiator_cell = %s, others_cell = %s, countries_cell = %s "
    "WHERE id = %s"
)
POSTGRESQL = """
UPDATE contacts_contact k SET initiator_cell = v.i, others_cell = v.o, countries_cell = v.c
FROM UNNEST(%s::text[], %s::text[], %s::text[], %s::bigint[]) AS v (i, o, c, id)
WHERE k.id = v.id
"""


def participant_cells(text):
    initiator, others, countries = "", [], set()
    for person in json.loads(text) if text else []:
        if person[1] in TRUE_TEXT and not initiator:
            initiator = person[6]
        else:
            others.append(person)
        if person[5]:
            countries.add(person[5])
    others.sort(key=lambda person: int(person[0]))
    return initiator, "; ".join(p[6] for p in others), "; ".join(sorted(countries))


def add(apps, schema_editor):
    # ALTER TABLE on both databases: SQLite would otherwise copy the table, which its search
    # triggers (naming contacts_contact) do not survive.
    for name in CELLS:
        schema_editor.execute(
            f"ALTER TABLE contacts_contact ADD COLUMN {name} text NOT NULL DEFAULT ''"
        )
    last = 0
    with schema_editor.connection.cursor() as cursor:
        while True:  # a page of ids at a time: memory stays flat at any size
            cursor.execute(
                "SELECT id, participant_text FROM contacts_contact WHERE id > %s "
                "ORDER BY id LIMIT %s",
                [last, CHUNK],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            filled = [(*participant_cells(text), pk) for pk, text in rows]
            if schema_editor.connection.vendor == "postgresql":  # one statement a page
                cursor.execute(POSTGRESQL, [list(column) for column in zip(*filled)])
            else:
                cursor.executemany(SQLITE, filled)
            last = rows[-1][0]


def drop(apps, schema_editor):
    for name in CELLS:
        schema_editor.execute(f"ALTER TABLE contacts_contact DROP COLUMN {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0012_name_keys_unbounded"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add, drop)],
            state_operations=[
                migrations.AddField(
                    model_name="contact",
                    name=name,
                    field=models.TextField(db_default="", default="", editable=False),
                )
                for name in CELLS
            ],
        ),
    ]
