"""Participants carry their contact's end date beside its start, and one index gives a
person's contacts with both dates in date order; existing rows are filled in SQL."""

from django.db import migrations, models

FILL = """
UPDATE contacts_participant SET contact_end = (
    SELECT date_end FROM contacts_contact WHERE contacts_contact.id = contacts_participant.contact_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_participant_text"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="participant",
            name="participant_person_date",
        ),
        migrations.AddField(
            model_name="participant",
            name="contact_end",
            field=models.DateField(
                editable=False,
                help_text="The contact's end date, copied with its start: a person's contacts "
                "and their dates are read from one index (the chart over a person's contacts).",
                null=True,
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=True),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                fields=["person", "contact_date", "contact_end", "contact", "is_initiator"],
                name="participant_person_date",
            ),
        ),
    ]
