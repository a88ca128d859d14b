"""The edit history's tables (django-simple-history) of contacts and sources, as the migrations
that 0001 squashed (once numbered 0001 to 0019) left them: operations of
`0001_squashed_records`, which lists them in this order. A helper of the migrations (the
loader skips modules starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

CONTACT_HISTORY = [
    migrations.CreateModel(
        name="HistoricalContact",
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
                "kind",
                models.CharField(
                    choices=[
                        ("phone_call", "Phone call"),
                        ("video_call", "Video call"),
                        ("meeting", "Meeting"),
                        ("visit", "Visit"),
                        ("message", "Message or letter"),
                        ("talks", "Talks (medium not reported)"),
                    ],
                    max_length=20,
                ),
            ),
            ("location", models.CharField(blank=True, max_length=200)),
            ("summary", models.TextField()),
            (
                "initiator_certainty",
                models.CharField(
                    choices=[
                        ("stated", "Stated in the report"),
                        ("implied", "Implied by the report"),
                        ("unknown", "Unknown"),
                    ],
                    default="unknown",
                    max_length=10,
                    verbose_name="how sure is the initiator",
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
        ],
        options={
            "verbose_name": "historical contact",
            "verbose_name_plural": "historical contacts",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.CreateModel(
        name="HistoricalSource",
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
            ("slug", models.SlugField(max_length=100)),
            ("title", models.CharField(max_length=500)),
            ("url", models.URLField(blank=True, max_length=1000, verbose_name="URL")),
            (
                "reported_date",
                models.DateField(
                    blank=True,
                    help_text="The day the story is about, if the article says.",
                    null=True,
                ),
            ),
            (
                "published_date",
                models.DateField(
                    blank=True,
                    help_text="When the article was published (not a page stamp).",
                    null=True,
                ),
            ),
            (
                "text",
                models.TextField(
                    help_text="The article exactly as published.", verbose_name="full text"
                ),
            ),
            (
                "notes",
                models.TextField(blank=True, help_text="Page furniture, stamps, known errors."),
            ),
            (
                "language",
                models.CharField(
                    blank=True,
                    db_default="",
                    default="",
                    help_text="ISO 639-1 code, e.g. en.",
                    max_length=10,
                ),
            ),
            (
                "text_digest",
                models.CharField(
                    blank=True,
                    db_default="",
                    db_index=True,
                    default="",
                    editable=False,
                    help_text="Of the normalised text: the same report pasted twice is recognised.",
                    max_length=64,
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
                "outlet",
                models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    help_text="Only when the article itself names it.",
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to="contacts.organisation",
                ),
            ),
        ],
        options={
            "verbose_name": "historical source",
            "verbose_name_plural": "historical sources",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
]
