"""The contacts' row source: a contact with its participants, and its citations on demand."""

from django.db.models import Value
from django.db.models.functions import Coalesce

from ..aggregates import TRUE_TEXT, fields, joined, split
from ..models import Contact, Participant
from ..models.participants import label_expression
from .reading import DATED, citations, in_id_order

PARTICIPANT = fields(
    "pk",
    "is_initiator",
    Coalesce("person__name", Value("")),
    Coalesce("person__slug", Value("")),
    "description",
    Coalesce("country__name", Value("")),
    label_expression(),
)
COLUMNS = [
    *DATED,
    "kind",
    "initiator_certainty",
    "location",
    "summary",
    "source_count",
]


def participants_of(value):
    """The aggregated participants as dicts, the initiator first (the model's order)."""
    people = [
        {
            "initiator": flag in TRUE_TEXT,
            "name": name,
            "slug": slug,
            "description": description,
            "country": country,
            "label": label,
        }
        for _, flag, name, slug, description, country, label in split(value)
    ]
    return sorted(people, key=lambda person: not person["initiator"])


def contact_rows(ids, *, evidence=False, excerpts=False):
    """The contacts `ids` as dicts in that order: COLUMNS, `participants` (dicts), and with
    `evidence` the citations an export carries, with `excerpts` each citation's excerpt."""
    rows = Contact.objects.filter(pk__in=ids).annotate(
        row_participants=joined(Participant.objects, "contact", PARTICIPANT)
    )
    names = [*COLUMNS, "row_participants"]
    if evidence or excerpts:
        rows = rows.annotate(row_citations=citations("contact"))
        names.append("row_citations")
    for row in in_id_order(ids, rows.values(*names)):
        row["participants"] = participants_of(row.pop("row_participants"))
        if "row_citations" in row:
            row["citations"] = split(row.pop("row_citations"))
        yield row
