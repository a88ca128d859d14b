"""The edit history's tables (django-simple-history) of people's aliases and offices, as the
migrations that 0001 squashed (once numbered 0001 to 0019) left them: operations of
`0001_squashed_records`, which lists them in this order. A helper of the migrations (the
loader skips modules starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

NAMES_HISTORY = [
    migrations.CreateModel(
        name="HistoricalPersonAlias",
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
            ("name", models.CharField(max_length=200)),
            (
                "kind",
                models.CharField(
                    choices=[
                        ("full_name", "Full name"),
                        ("spelling", "Spelling variant"),
                        ("transliteration", "Transliteration"),
                        ("native_script", "Native script"),
                        ("short_name", "Short name or title with name"),
                    ],
                    default="spelling",
                    max_length=20,
                ),
            ),
            ("name_key", models.CharField(db_index=True, editable=False, max_length=200)),
            (
                "shared",
                models.BooleanField(
                    default=False,
                    help_text="Tick only when this name really belongs to more than one person.",
                    verbose_name="shared with other people",
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
                "history_user",
                models.ForeignKey(
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            ),
            (
                "person",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.person",
                ),
            ),
        ],
        options={
            "verbose_name": "historical person alias",
            "verbose_name_plural": "historical person aliases",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalOfficeHolding",
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
                "title",
                models.CharField(
                    help_text="As reported, e.g. 'Foreign Secretary'.", max_length=200
                ),
            ),
            (
                "role",
                models.CharField(
                    choices=[
                        ("head_of_state", "Head of state"),
                        ("head_of_government", "Head of government"),
                        ("deputy_head", "Deputy head of state or government"),
                        ("foreign_minister", "Foreign minister"),
                        ("defence_minister", "Defence minister"),
                        ("minister", "Other minister"),
                        ("military_commander", "Military commander"),
                        ("ambassador", "Ambassador"),
                        ("spokesperson", "Spokesperson"),
                        ("party_leader", "Party leader"),
                        ("senior_official", "Senior official"),
                        ("international_official", "International official"),
                        ("other", "Other"),
                    ],
                    default="other",
                    max_length=30,
                ),
            ),
            (
                "start_date",
                models.DateField(blank=True, help_text="Leave empty if unknown.", null=True),
            ),
            (
                "start_precision",
                models.CharField(
                    choices=[
                        ("day", "Exact day"),
                        ("month", "Month"),
                        ("year", "Year"),
                        ("range", "Between two dates"),
                    ],
                    default="day",
                    max_length=5,
                ),
            ),
            (
                "end_date",
                models.DateField(blank=True, help_text="Leave empty if unknown.", null=True),
            ),
            (
                "end_precision",
                models.CharField(
                    choices=[
                        ("day", "Exact day"),
                        ("month", "Month"),
                        ("year", "Year"),
                        ("range", "Between two dates"),
                    ],
                    default="day",
                    max_length=5,
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
                "organisation",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.organisation",
                ),
            ),
            (
                "person",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.person",
                ),
            ),
        ],
        options={
            "verbose_name": "historical office holding",
            "verbose_name_plural": "historical office holdings",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
]
