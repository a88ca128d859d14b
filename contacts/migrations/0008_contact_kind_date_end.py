"""A kind's contacts in a date window with both their dates from one index: the chart over
"kind + dates" read 10,000 table rows for their end dates."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_participant_country_date"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="contact",
            name="contact_kind_date",
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["kind", "date_start", "date_end", "id"], name="contact_kind_date"
            ),
        ),
    ]
