"""Each contact's participants as the row source reads them, kept on the contact's row
(`Contact.participant_text`, refreshed by `refresh_summaries()`); existing rows are filled
here in one statement, written in SQL so that the migration imports no app code."""

from django.db import migrations, models

SQLITE = """
UPDATE contacts_contact SET participant_text = COALESCE((
    SELECT JSON_GROUP_ARRAY(JSON(JSON_ARRAY(
        CAST(p.id AS TEXT), CAST(p.is_initiator AS TEXT), COALESCE(r.name, ''),
        COALESCE(r.slug, ''), p.description, COALESCE(c.name, ''),
        COALESCE(r.name, p.description || ' (unnamed)'))))
    FROM contacts_participant p
    LEFT JOIN contacts_person r ON r.id = p.person_id
    LEFT JOIN contacts_country c ON c.id = p.country_id
    WHERE p.contact_id = contacts_contact.id), '[]')
"""
POSTGRESQL = """
UPDATE contacts_contact k SET participant_text = COALESCE((
    SELECT JSON_AGG(JSON_BUILD_ARRAY(
        p.id::varchar, p.is_initiator::varchar, COALESCE(r.name, ''),
        COALESCE(r.slug, ''), p.description, COALESCE(c.name, ''),
        COALESCE(r.name, p.description || ' (unnamed)')))::text
    FROM contacts_participant p
    LEFT JOIN contacts_person r ON r.id = p.person_id
    LEFT JOIN contacts_country c ON c.id = p.country_id
    WHERE p.contact_id = k.id), '[]')
"""


# Added by ALTER TABLE on both databases: SQLite would otherwise copy the table, which its
# search triggers (naming contacts_contact) do not survive. The column's default in the
# database lets bulk inserts (the synthetic loader) leave it out.
ADD = "ALTER TABLE contacts_contact ADD COLUMN participant_text text NOT NULL DEFAULT '[]'"
DROP = "ALTER TABLE contacts_contact DROP COLUMN participant_text"


def add(apps, schema_editor):
    schema_editor.execute(ADD)
    sql = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    schema_editor.execute(sql)


def drop(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_squashed_source_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add, drop)],
            state_operations=[
                migrations.AddField(
                    model_name="contact",
                    name="participant_text",
                    field=models.TextField(default="[]", db_default="[]", editable=False),
                ),
            ],
        ),
    ]
