"""The statements' row source: a statement with its speaker's office, contact and citations."""

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..aggregates import fields, parse, split
from ..models import OfficeHolding, Statement
from .kept import built_once
from .reading import DATED, citations, in_id_order, iso_dates, of_ids, organisation_text

COLUMNS = [
    *DATED,
    "speaker_id",
    "speaker__name",
    "speaker__slug",
    "speaker_description",
    "text",
    "is_verbatim",
    "medium",
    "outlet__name",
    "venue",
    "contact_id",
    *(f"contact__{name}" for name in ["kind", "summary", *DATED[2:]]),
]


def office_held():
    """The first office (in the offices' own order) the speaker held on the statement's
    date, as [title, organisation or country]."""
    held = (
        OfficeHolding.objects.filter(person=OuterRef("speaker"))
        .exclude(start_date__gt=OuterRef("date_start"))
        .exclude(end_date__lt=OuterRef("date_start"))
        .order_by(F("start_date").asc(nulls_first=True), "title")
    )
    where = Coalesce(organisation_text(), "country__name", Value(""))
    return Subquery(held.annotate(label=fields("title", where)).values("label")[:1])


@built_once
def annotated():
    """Every statement's COLUMNS, `dates`, `row_office` and `row_citations`, as values."""
    rows = Statement.objects.annotate(
        dates=iso_dates(), row_office=office_held(), row_citations=citations("statement")
    )
    return rows.values(*COLUMNS, "dates", "row_office", "row_citations")


def statement_rows(ids):
    """The statements `ids` as dicts in that order: COLUMNS, `dates` (ISO 8601 text),
    `office` ([title, where] or []) and `citations` (lists, as `reading.citations` gives
    them)."""
    for row in in_id_order(ids, of_ids(annotated(), ids)):
        row["office"] = parse(row.pop("row_office"))
        row["citations"] = split(row.pop("row_citations"))
        yield row
