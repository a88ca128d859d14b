"""The tables of contacts and their participants, as the migrations that 0001 squashed (once
numbered 0001 to 0019) left them: operations of `0001_squashed_records`, which lists them in
this order. A helper of the migrations (the loader skips modules starting with "_"): it
imports nothing from the app.
"""

import django.db.models.deletion
from django.db import migrations, models

CONTACT_TABLES = [
    migrations.CreateModel(
        name="Contact",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    blank=True,
                    help_text="Made when the record is first saved.",
                    max_length=100,
                    unique=True,
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
            ("initiator_label", models.CharField(blank=True, editable=False, max_length=200)),
            ("participant_count", models.PositiveSmallIntegerField(default=0, editable=False)),
            (
                "source_count",
                models.PositiveSmallIntegerField(
                    default=0, editable=False, verbose_name="number of sources"
                ),
            ),
        ],
        options={
            "ordering": ["-date_start", "-date_end", "-pk"],
            "indexes": [
                models.Index(fields=["date_start", "date_end", "id"], name="contact_dates"),
                models.Index(fields=["kind", "date_start", "id"], name="contact_kind_date"),
                models.Index(
                    fields=["initiator_label", "date_start", "id"], name="contact_initiator"
                ),
                models.Index(fields=["location", "date_start", "id"], name="contact_location"),
                models.Index(fields=["source_count", "date_start", "id"], name="contact_sources"),
                models.Index(
                    condition=models.Q(("date_end__gt", models.F("date_start"))),
                    fields=["date_end"],
                    name="contact_spanning",
                ),
                models.Index(
                    condition=models.Q(("date_end__gt", models.F("date_start"))),
                    fields=["kind", "date_end"],
                    name="contact_kind_spanning",
                ),
            ],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("date_end__gte", models.F("date_start"))),
                    name="contacts_contact_date_end_after_start",
                    violation_error_message="The date range ends before it starts.",
                )
            ],
        },
    ),
    migrations.CreateModel(
        name="Participant",
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
            (
                "contact_date",
                models.DateField(
                    editable=False,
                    help_text="The contact's start date, copied so that one index gives a person's contacts in date order.",
                    null=True,
                ),
            ),
            (
                "contact",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="participants",
                    to="contacts.contact",
                ),
            ),
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    db_index=False,
                    help_text="Filled in from the person when left empty.",
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="participations",
                    to="contacts.country",
                ),
            ),
            (
                "person",
                models.ForeignKey(
                    blank=True,
                    db_index=False,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="participations",
                    to="contacts.person",
                ),
            ),
        ],
        options={
            "ordering": ["-is_initiator", "pk"],
        },
    ),
]
