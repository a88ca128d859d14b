"""A contact's participants, and who they are, read from one index (participant_contact:
contact, is_initiator, country, person) in place of the foreign key's index on contact
alone, which it covers.

The field's change (db_index=False) is made in the state only, the index dropped by name:
SQLite would otherwise rebuild the table, and with it drop the network months' triggers
(0009).
"""

import django.db.models.deletion
from django.db import migrations, models

FOREIGN_KEY_INDEX = "contacts_participant_contact_id_960b2079"


class Migration(migrations.Migration):
    dependencies = [("contacts", "0010_organisation_name")]

    operations = [
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                fields=["contact", "is_initiator", "country", "person"], name="participant_contact"
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="participant",
                    name="contact",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="contacts.contact",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX {FOREIGN_KEY_INDEX}",
                    f"CREATE INDEX {FOREIGN_KEY_INDEX} ON contacts_participant (contact_id)",
                ),
            ],
        ),
    ]
