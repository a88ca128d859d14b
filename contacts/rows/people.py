"""The people's row source: a person with their offices, other names and activity counts."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce

from ..aggregates import fields, joined, parse, split
from ..models import OfficeHolding, Person, PersonAlias
from .kept import built_once
from .reading import in_id_order, of_ids, organisation_text

COLUMNS = ["pk", "slug", "name", "country__name", "contact_count", "statement_count"]


def office_place():
    """Where an office is held, as `OfficeHolding.__str__` names it: its organisation or
    its country ("" when neither)."""
    return Coalesce(organisation_text(), "country__name", Value(""))


def with_activity_counts(queryset):
    """`queryset` with `contact_count` and `statement_count` (the list sorts by them), read
    from `PersonCounts`, which the database keeps (migration 0014)."""
    return queryset.filter(counts__isnull=False).annotate(
        contact_count=F("counts__contacts"), statement_count=F("counts__statements")
    )


def in_office_order(offices):
    """[start, title, place] lists in the offices' own order (undated first, then by start
    date and title), as `OfficeHolding.Meta.ordering` sorts them."""
    return sorted(offices, key=lambda office: (office[0] != "", office[0], office[1]))


@built_once
def annotated():
    """Every person's COLUMNS, `row_offices` and `row_aliases`, as values."""
    office = fields("start_date", "title", office_place())
    rows = with_activity_counts(Person.objects.all()).annotate(
        row_offices=joined(OfficeHolding.objects, "person", office),
        row_aliases=joined(PersonAlias.objects, "person", fields("pk", "name")),
    )
    return rows.values(*COLUMNS, "row_offices", "row_aliases")


def person_rows(ids):
    """The people `ids` as dicts in that order: COLUMNS, `offices` ("title, place" texts in
    their order) and `aliases` (names)."""
    people = in_id_order(ids, of_ids(annotated(), ids))
    for row in people:
        offices = in_office_order(parse(row.pop("row_offices")))
        row["offices"] = [f"{title}, {place}" if place else title for _, title, place in offices]
        row["aliases"] = [name for _, name in split(row.pop("row_aliases"))]
    return people
