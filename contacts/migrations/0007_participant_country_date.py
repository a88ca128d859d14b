"""One index gives a country's contacts with their dates in date order, as
participant_person_date gives a person's (the country filter counts and charts from it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_participant_contact_end"),
    ]

    operations = [
        migrations.AlterField(
            model_name="participant",
            name="contact_date",
            field=models.DateField(
                editable=False,
                help_text="The contact's start date, copied so that one index gives a person's (or a country's) contacts in date order.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                fields=["country", "contact_date", "contact_end", "contact"],
                name="participant_country_date",
            ),
        ),
    ]
