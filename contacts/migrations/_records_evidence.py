"""The tables of the evidence: sources, and the statements and citations they give, as the
migrations that 0001 squashed (once numbered 0001 to 0019) left them: operations of
`0001_squashed_records`, which lists them in this order. A helper of the migrations (the
loader skips modules starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
from django.db import migrations, models

EVIDENCE_TABLES = [
    migrations.CreateModel(
        name="Source",
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
            ("slug", models.SlugField(max_length=100, unique=True)),
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
            (
                "outlet",
                models.ForeignKey(
                    blank=True,
                    help_text="Only when the article itself names it.",
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="articles",
                    to="contacts.organisation",
                ),
            ),
        ],
        options={
            "ordering": [
                models.OrderBy(models.F("published_date"), descending=True, nulls_last=True),
                "title",
            ],
        },
    ),
    migrations.CreateModel(
        name="Statement",
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
            (
                "contact",
                models.ForeignKey(
                    blank=True,
                    help_text="The contact this statement is about, if any.",
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="statements",
                    to="contacts.contact",
                ),
            ),
            (
                "outlet",
                models.ForeignKey(
                    blank=True,
                    help_text="Where it was said, e.g. CNN or Fox News.",
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="statements_carried",
                    to="contacts.organisation",
                ),
            ),
            (
                "speaker",
                models.ForeignKey(
                    blank=True,
                    db_index=False,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="statements",
                    to="contacts.person",
                ),
            ),
            (
                "speaker_country",
                models.ForeignKey(
                    blank=True,
                    db_index=False,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="statements",
                    to="contacts.country",
                ),
            ),
        ],
        options={
            "ordering": ["-date_start", "-pk"],
        },
    ),
    migrations.CreateModel(
        name="Citation",
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
            (
                "contact",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="citations",
                    to="contacts.contact",
                ),
            ),
            (
                "office",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="citations",
                    to="contacts.officeholding",
                ),
            ),
            (
                "source",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="citations",
                    to="contacts.source",
                ),
            ),
            (
                "statement",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="citations",
                    to="contacts.statement",
                ),
            ),
        ],
        options={
            "ordering": ["source", "pk"],
        },
    ),
]
