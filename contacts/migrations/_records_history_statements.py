"""The edit history's table (django-simple-history) of statements, as the migrations that 0001
squashed (once numbered 0001 to 0019) left them: operations of `0001_squashed_records`,
which lists them in this order. A helper of the migrations (the loader skips modules
starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

STATEMENT_HISTORY = [
    migrations.CreateModel(
        name="HistoricalStatement",
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
            ("date_start", models.DateField(verbose_name="date (from)")),
            (
                "date_end",
                models.DateField(
                    blank=True,
                    help_text="Only for a range; filled in for other precisions.",
                    verbose_name="date (to)",
                ),
            ),
            (
                "date_precision",
                models.CharField(
                    choices=[
                        ("day", "Exact day"),
                        ("month", "Month"),
                        ("year", "Year"),
                        ("range", "Between two dates"),
                    ],
                    default="day",
                    max_length=5,
                    verbose_name="date precision",
                ),
            ),
            (
                "key",
                models.SlugField(
                    blank=True, help_text="Made when the record is first saved.", max_length=100
                ),
            ),
            (
                "speaker_description",
                models.CharField(
                    blank=True,
                    help_text="When the report names no one, e.g. 'a senior US official'.",
                    max_length=200,
                    verbose_name="unnamed speaker",
                ),
            ),
            (
                "speaker_role",
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
            ("text", models.TextField(help_text="The quote, or the report's paraphrase.")),
            ("is_verbatim", models.BooleanField(default=True, verbose_name="verbatim quote")),
            (
                "medium",
                models.CharField(
                    choices=[
                        ("tweet", "Tweet or social media post"),
                        ("tv_interview", "TV interview"),
                        ("interview", "Interview (press)"),
                        ("press_conference", "Press or news conference"),
                        ("written_statement", "Written statement"),
                        ("call_readout", "Call readout"),
                        ("speech", "Speech"),
                        ("remarks", "Remarks (medium not reported)"),
                    ],
                    default="remarks",
                    max_length=20,
                ),
            ),
            (
                "venue",
                models.CharField(blank=True, help_text="Place, e.g. 'Berlin'.", max_length=200),
            ),
            (
                "language",
                models.CharField(default="en", help_text="ISO 639-1 code.", max_length=10),
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
                    help_text="The contact this statement is about, if any.",
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
                "speaker_country",
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
                "outlet",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    help_text="Where it was said, e.g. CNN or Fox News.",
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.organisation",
                ),
            ),
            (
                "speaker",
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
            "verbose_name": "historical statement",
            "verbose_name_plural": "historical statements",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
]
