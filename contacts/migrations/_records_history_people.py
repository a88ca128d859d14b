"""The edit history's tables (django-simple-history) of countries, people and organisations, as
the migrations that 0001 squashed (once numbered 0001 to 0019) left them: operations of
`0001_squashed_records`, which lists them in this order. A helper of the migrations (the
loader skips modules starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

PEOPLE_HISTORY = [
    migrations.CreateModel(
        name="HistoricalCountry",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "version",
                models.PositiveIntegerField(
                    db_default=1,
                    default=1,
                    editable=False,
                    help_text="Raised on every edit, to catch concurrent edits.",
                ),
            ),
            (
                "code",
                models.CharField(
                    db_index=True,
                    help_text="Alpha-2 code, e.g. GB, US, IR.",
                    max_length=2,
                    verbose_name="ISO 3166 code",
                ),
            ),
            ("name", models.CharField(db_index=True, max_length=100)),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.CharField(max_length=100, null=True)),
            (
                "history_type",
                models.CharField(
                    choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                ),
            ),
            (
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
        ],
        options={
            "verbose_name": "historical country",
            "verbose_name_plural": "historical countries",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalPerson",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "version",
                models.PositiveIntegerField(
                    db_default=1,
                    default=1,
                    editable=False,
                    help_text="Raised on every edit, to catch concurrent edits.",
                ),
            ),
            ("name", models.CharField(max_length=200, verbose_name="canonical name")),
            ("slug", models.SlugField(allow_unicode=True, max_length=200)),
            ("name_key", models.CharField(db_index=True, editable=False, max_length=200)),
            ("notes", models.TextField(blank=True)),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.CharField(max_length=100, null=True)),
            (
                "history_type",
                models.CharField(
                    choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                ),
            ),
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    help_text="The country the person serves or belongs to.",
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.country",
                ),
            ),
            (
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
        ],
        options={
            "verbose_name": "historical person",
            "verbose_name_plural": "historical people",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalOrganisation",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "version",
                models.PositiveIntegerField(
                    db_default=1,
                    default=1,
                    editable=False,
                    help_text="Raised on every edit, to catch concurrent edits.",
                ),
            ),
            ("name", models.CharField(db_index=True, max_length=200)),
            ("abbreviation", models.CharField(blank=True, max_length=30)),
            (
                "other_names",
                models.CharField(
                    blank=True,
                    help_text="Other spellings, separated by semicolons.",
                    max_length=500,
                ),
            ),
            (
                "kind",
                models.CharField(
                    choices=[
                        ("government", "Government body or ministry"),
                        ("armed_force", "Armed force"),
                        ("militia", "Militia or armed group"),
                        ("party", "Political party"),
                        ("international", "International body"),
                        ("news_outlet", "News outlet"),
                        ("other", "Other"),
                    ],
                    max_length=20,
                ),
            ),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.CharField(max_length=100, null=True)),
            (
                "history_type",
                models.CharField(
                    choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                ),
            ),
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.country",
                ),
            ),
            (
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            (
                "parent",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    help_text="e.g. the Quds Force is part of the IRGC.",
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.organisation",
                ),
            ),
        ],
        options={
            "verbose_name": "historical organisation",
            "verbose_name_plural": "historical organisations",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
]
