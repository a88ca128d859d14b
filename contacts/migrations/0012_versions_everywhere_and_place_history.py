"""Every record editors change carries a version (optimistic locking); countries and
organisations keep history.

The version columns are added with ALTER TABLE ... ADD COLUMN on both databases: Django
would rebuild each SQLite table for a NOT NULL column, which drops the citation table's
full-text triggers and rewrites every row of a large archive.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def version_field():
    return models.PositiveIntegerField(
        db_default=1,
        default=1,
        editable=False,
        help_text="Raised on every edit, to catch concurrent edits.",
    )


def add_version(model):
    table = f"contacts_{model}"
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                f'ALTER TABLE {table} ADD COLUMN "version" integer DEFAULT 1 NOT NULL '
                'CHECK ("version" >= 0)',
                f'ALTER TABLE {table} DROP COLUMN "version"',
            )
        ],
        state_operations=[migrations.AddField(model, "version", version_field())],
    )


def give_version_a_default(model):
    """Contacts and statements had a version already; only its database default is new
    (PostgreSQL; SQLite cannot add one without rebuilding the table, and Django always
    sends the value)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'ALTER TABLE contacts_{model} ALTER COLUMN "version" SET DEFAULT 1')

    return migrations.SeparateDatabaseAndState(
        database_operations=[migrations.RunPython(forwards, migrations.RunPython.noop)],
        state_operations=[migrations.AlterField(model, "version", version_field())],
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0011_stored_search_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        add_version('citation'),
        add_version('country'),
        add_version('officeholding'),
        add_version('organisation'),
        add_version('person'),
        add_version('personalias'),
        add_version('source'),
        give_version_a_default('contact'),
        give_version_a_default('statement'),
        migrations.AddField(
            model_name='historicalcitation',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalofficeholding',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalpersonalias',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.AlterField(
            model_name='historicalcontact',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.AlterField(
            model_name='historicalstatement',
            name='version',
            field=models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.'),
        ),
        migrations.CreateModel(
            name='HistoricalCountry',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.')),
                ('code', models.CharField(db_index=True, help_text='Alpha-2 code, e.g. GB, US, IR.', max_length=2, verbose_name='ISO 3166 code')),
                ('name', models.CharField(db_index=True, max_length=100)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical country',
                'verbose_name_plural': 'historical countries',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOrganisation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('version', models.PositiveIntegerField(db_default=1, default=1, editable=False, help_text='Raised on every edit, to catch concurrent edits.')),
                ('name', models.CharField(db_index=True, max_length=200)),
                ('abbreviation', models.CharField(blank=True, max_length=30)),
                ('other_names', models.CharField(blank=True, help_text='Other spellings, separated by semicolons.', max_length=500)),
                ('kind', models.CharField(choices=[('government', 'Government body or ministry'), ('armed_force', 'Armed force'), ('militia', 'Militia or armed group'), ('party', 'Political party'), ('international', 'International body'), ('news_outlet', 'News outlet'), ('other', 'Other')], max_length=20)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('country', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contacts.country')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, help_text='e.g. the Quds Force is part of the IRGC.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contacts.organisation')),
            ],
            options={
                'verbose_name': 'historical organisation',
                'verbose_name_plural': 'historical organisations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
