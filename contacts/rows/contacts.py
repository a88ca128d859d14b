"""The contacts' row source: a contact with its participants, and its citations on demand."""

from ..aggregates import TRUE_TEXT, parse, split
from ..models import Contact
from ..models.contacts import CELLS
from .reading import DATED, citations, in_id_order, iso_dates, listed

OWN = ["kind", "initiator_certainty", "location", "summary", "source_count"]
COLUMNS = [*DATED, *OWN, "participant_text"]
EXPORTED = ["pk", "key", *OWN, *CELLS]  # and `dates`


def participant_id(item):
    return int(item[0])


def initiator_first(item):
    return (item[1] not in TRUE_TEXT, participant_id(item))


def participants_of(value):
    """The aggregated participants as dicts in the model's order: the initiator first, then
    by id."""
    return [
        {
            "initiator": flag in TRUE_TEXT,
            "name": name,
            "slug": slug,
            "description": description,
            "country": country,
            "label": label,
        }
        for _, flag, name, slug, description, country, label in sorted(
            parse(value), key=initiator_first
        )
    ]


def contact_rows(ids, *, evidence=False, excerpts=False, exported=False):
    """The contacts `ids` as dicts in that order, read from the contacts' table alone: COLUMNS
    with `participants` (`participants_of`), or with `exported` the cells an export writes
    as stored (EXPORTED, and `dates` as ISO 8601 text); with `evidence` the citations an
    export carries, with `excerpts` each citation's excerpt."""
    rows = Contact.objects.filter(pk__in=listed(ids))
    names = [*EXPORTED, "dates"] if exported else list(COLUMNS)
    if exported:
        rows = rows.annotate(dates=iso_dates())
    if evidence or excerpts:
        rows = rows.annotate(row_citations=citations("contact"))
        names.append("row_citations")
    for row in in_id_order(ids, rows.values(*names)):
        if not exported:
            row["participants"] = participants_of(row.pop("participant_text"))
        if "row_citations" in row:
            row["citations"] = split(row.pop("row_citations"))
        yield row
