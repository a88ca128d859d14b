"""A kept month also names what it keeps (`NetworkMonth.drawn`): every counted row, or only
what a page of so many edges and columns draws, so that the network page reads back its
drawing instead of choosing it from every row at each request. Months kept before hold
every row (""); none is read again by the page, and each drawing's rows would break the
old unique constraint if the migration were undone: the kept months (a cache, counted again
on the next request) are forgotten both ways.

SQLite rebuilds the table to change its unique constraint, and renaming the rebuilt table
fails while the participants' triggers (0009) name it: they are dropped around the change
and created again, as 0009 writes them.
"""

from importlib import import_module

from django.db import migrations, models

network_month = import_module("contacts.migrations.0009_network_month")


def forget_kept_months(apps, schema_editor):
    apps.get_model("contacts", "NetworkMonth").objects.all().delete()


def on_sqlite(change):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            change(apps, schema_editor)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0020_forms_searched_in_their_language"),
    ]

    operations = [
        migrations.RunPython(
            on_sqlite(network_month.drop_triggers), on_sqlite(network_month.create_triggers)
        ),
        migrations.RemoveConstraint(model_name="networkmonth", name="network_month_once"),
        migrations.RunPython(forget_kept_months, forget_kept_months),
        migrations.AddField(
            model_name="networkmonth",
            name="drawn",
            field=models.CharField(
                blank=True,
                help_text='Empty: every counted row; "250x25": only what a page drawing 250 '
                "edges and 25 columns shows.",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="networkmonth",
            constraint=models.UniqueConstraint(
                fields=("month", "group", "drawn"), name="network_month_drawn_once"
            ),
        ),
        migrations.RunPython(
            on_sqlite(network_month.create_triggers), on_sqlite(network_month.drop_triggers)
        ),
    ]
