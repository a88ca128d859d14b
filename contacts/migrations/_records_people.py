"""The tables of countries, organisations, people, their offices and aliases, as the migrations
that 0001 squashed (once numbered 0001 to 0019) left them: operations of
`0001_squashed_records`, which lists them in this order. A helper of the migrations (the
loader skips modules starting with "_"): it imports nothing from the app.
"""

import django.db.models.deletion
from django.db import migrations, models

PEOPLE_TABLES = [
    migrations.CreateModel(
        name="Country",
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
            (
                "code",
                models.CharField(
                    help_text="Alpha-2 code, e.g. GB, US, IR.",
                    max_length=2,
                    unique=True,
                    verbose_name="ISO 3166 code",
                ),
            ),
            ("name", models.CharField(max_length=100, unique=True)),
        ],
        options={
            "verbose_name_plural": "countries",
            "ordering": ["name"],
            "constraints": [
                models.CheckConstraint(
                    condition=models.Q(("code__regex", "^[A-Z]{2}$")),
                    name="country_code_is_alpha2",
                )
            ],
        },
    ),
    migrations.CreateModel(
        name="Organisation",
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
            ("name", models.CharField(max_length=200, unique=True)),
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
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="organisations",
                    to="contacts.country",
                ),
            ),
            (
                "parent",
                models.ForeignKey(
                    blank=True,
                    help_text="e.g. the Quds Force is part of the IRGC.",
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="children",
                    to="contacts.organisation",
                ),
            ),
        ],
        options={
            "ordering": ["name"],
        },
    ),
    migrations.CreateModel(
        name="Person",
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
            ("name", models.CharField(max_length=200, verbose_name="canonical name")),
            ("slug", models.SlugField(allow_unicode=True, max_length=200, unique=True)),
            ("name_key", models.CharField(db_index=True, editable=False, max_length=200)),
            ("notes", models.TextField(blank=True)),
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    help_text="The country the person serves or belongs to.",
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="people",
                    to="contacts.country",
                ),
            ),
        ],
        options={
            "verbose_name_plural": "people",
            "ordering": ["name", "pk"],
        },
    ),
    migrations.CreateModel(
        name="OfficeHolding",
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
            (
                "country",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="offices",
                    to="contacts.country",
                ),
            ),
            (
                "organisation",
                models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="offices",
                    to="contacts.organisation",
                ),
            ),
            (
                "person",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="offices",
                    to="contacts.person",
                ),
            ),
        ],
        options={
            "ordering": [
                "person",
                models.OrderBy(models.F("start_date"), nulls_first=True),
                "title",
            ],
        },
    ),
    migrations.CreateModel(
        name="PersonAlias",
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
            (
                "person",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="aliases",
                    to="contacts.person",
                ),
            ),
        ],
        options={
            "verbose_name_plural": "person aliases",
            "ordering": ["person", "name"],
        },
    ),
]
