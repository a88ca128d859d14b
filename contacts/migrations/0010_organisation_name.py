"""The keys an organisation is named by, in a table of their own (`OrganisationName`), so
that a search finds an organisation through an index instead of reading every one.

Self-contained: the keys of the existing organisations are computed with copies of
`contacts.text.name_key` and `Organisation.name_keys` as they were when it was written.
"""

import re
import unicodedata

import django.db.models.deletion
from django.db import migrations, models

TYPOGRAPHIC_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    }
)
ARABIC_VARIANTS = str.maketrans(
    {
        **dict.fromkeys("\u064a\u0649", "\u06cc"),
        "\u0643": "\u06a9",
        "\u0629": "\u0647",
        **dict.fromkeys("\u0623\u0625\u0622", "\u0627"),
        **dict.fromkeys("\u200c\u200d\u0640"),
    }
)
WHITESPACE = re.compile(r"\s+")
NAME_PUNCTUATION = re.compile(r"[.,'\"()\[\]]")
HYPHENS = re.compile(r"[\u2010-\u2015\u2212-]")
GENERIC_LAST_WORDS = frozenset(
    "force forces corps army party ministry council agency office guard guards group front "
    "movement committee department service organisation organization".split()
)


def name_key(name):
    text = unicodedata.normalize("NFKD", name or "").translate(ARABIC_VARIANTS)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = HYPHENS.sub(" ", NAME_PUNCTUATION.sub("", text.translate(TYPOGRAPHIC_QUOTES)))
    return WHITESPACE.sub(" ", text).strip().casefold()


def name_keys(name, abbreviation, other_names):
    keys = set()
    for spelling in [name, abbreviation, *other_names.split(";")]:
        key = name_key(spelling)
        if key:
            keys.add(key)
            words = key.split()
            if len(words) > 1 and words[-1] in GENERIC_LAST_WORDS:
                keys.add(" ".join(words[:-1]))
    return keys


def fill(apps, schema_editor):
    Organisation = apps.get_model("contacts", "Organisation")
    OrganisationName = apps.get_model("contacts", "OrganisationName")
    rows = Organisation.objects.values_list("pk", "name", "abbreviation", "other_names")
    OrganisationName.objects.bulk_create(
        (
            OrganisationName(organisation_id=pk, name_key=key)
            for pk, *names in rows.iterator(chunk_size=2000)
            for key in name_keys(*names)
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("contacts", "0009_network_month")]

    operations = [
        migrations.CreateModel(
            name="OrganisationName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name_key", models.TextField(db_index=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="names_searched",
                        to="contacts.organisation",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "name_key"), name="organisation_name_once"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
