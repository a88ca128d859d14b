"""The edit history's tables (django-simple-history) of participants and citations, as the
migrations that 0001 squashed (once numbered 0001 to 0019) left them: operations of
`0001_squashed_records`, which lists them in this order. A helper of the migrations (the
loader skips modules starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

PARTICIPATION_HISTORY = [
    migrations.CreateModel(
        name="HistoricalParticipant",
        fields=[
            (
                "id",
                models.BigIntegerField(
                    auto_created=True, blank=True, db_index=True, verbose_name="ID"
                ),
            ),
            (
                "description",
                models.CharField(
                    blank=True,
                    help_text="For an unnamed counterpart, as the report puts it.",
                    max_length=200,
                ),
            ),
            (
                "role",
                models.CharField(
                    blank=True,
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
                    max_length=30,
                ),
            ),
            (
                "is_initiator",
                models.BooleanField(default=False, verbose_name="initiated the contact"),
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
                "contact",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.contact",
                ),
            ),
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    help_text="Filled in from the person when left empty.",
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
            "verbose_name": "historical participant",
            "verbose_name_plural": "historical participants",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalCitation",
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
            ("excerpt", models.TextField(help_text="Copied verbatim from the source text.")),
            ("excerpt_digest", models.CharField(editable=False, max_length=64)),
            (
                "date_as_written",
                models.CharField(
                    blank=True,
                    help_text="The article's own words for the date, e.g. 'on Friday'.",
                    max_length=200,
                ),
            ),
            (
                "note",
                models.TextField(blank=True, help_text="e.g. where the article is wrong and why."),
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
                "contact",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.contact",
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
                "office",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.officeholding",
                ),
            ),
            (
                "source",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.source",
                ),
            ),
            (
                "statement",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.statement",
                ),
            ),
        ],
        options={
            "verbose_name": "historical citation",
            "verbose_name_plural": "historical citations",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
]
