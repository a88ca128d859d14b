"""The contacts' row source: a contact with its participants, and its citations on demand."""

from ..aggregates import TRUE_TEXT, parse, split
from ..models import Contact
from ..models.contacts import CELLS
from .kept import built_once
from .reading import DATED, citations, in_id_order, iso_dates, of_ids

OWN = ["kind", "initiator_certainty", "location", "summary", "source_count"]
COLUMNS = [*DATED, *OWN, "participant_text"]
EXPORTED = ["pk", "key", *OWN, *CELLS]  # and `dates`
STREAMED_CHUNK = 2000


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


def contact_values(rows, *, evidence=False, excerpts=False, exported=False):
    """`rows` (contacts) as the values `contact_rows` reads: COLUMNS, or with `exported` the
    cells an export writes as stored (EXPORTED, and `dates` as ISO 8601 text); with
    `evidence` or `excerpts`, their citations."""
    names = [*EXPORTED, "dates"] if exported else list(COLUMNS)
    if exported:
        rows = rows.annotate(dates=iso_dates())
    if evidence or excerpts:
        rows = rows.annotate(row_citations=citations("contact"))
        names.append("row_citations")
    return rows.values(*names)


def finished(row):
    if "participant_text" in row:
        row["participants"] = participants_of(row.pop("participant_text"))
    if "row_citations" in row:
        row["citations"] = split(row.pop("row_citations"))
    return row


@built_once
def annotated(**options):
    """`contact_values(**options)` of every contact."""
    return contact_values(Contact.objects.all(), **options)


def contact_rows(ids, **options):
    """The contacts `ids` as dicts in that order, read from the contacts' table alone
    (`contact_values(**options)`): with `participants` (`participants_of`) unless
    `exported`, and `citations` (lists) with `evidence` (an export's) or `excerpts`."""
    rows = annotated(**options)
    for row in in_id_order(ids, of_ids(rows, ids)):
        yield finished(row)


def streamed_contact_rows(queryset, **options):
    """`contact_rows` of every contact of `queryset`, in its order, from one query."""
    for row in contact_values(queryset, **options).iterator(chunk_size=STREAMED_CHUNK):
        yield finished(row)
