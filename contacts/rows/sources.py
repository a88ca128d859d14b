"""The sources' row source: an article with how many contacts and statements cite it.

The counts are correlated subqueries on the citations' source index: one query for a
page of sources (or a chunk of an export), none per row.
"""

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import Citation, Source
from .reading import in_id_order, of_ids

COLUMNS = [
    "pk",
    "title",
    "outlet__name",
    "published_date",
    "language",
    "url",
    "contact_count",
    "statement_count",
]


def citing(field):
    """How many distinct `field` records (contact or statement) cite the outer source."""
    rows = Citation.objects.filter(source=OuterRef("pk"), **{f"{field}__isnull": False})
    counted = rows.order_by().values("source").annotate(n=Count(field, distinct=True))
    return Coalesce(Subquery(counted.values("n")), Value(0))


def with_citing_counts(queryset):
    """`queryset` with `contact_count` and `statement_count` (the list sorts by them)."""
    return queryset.annotate(contact_count=citing("contact"), statement_count=citing("statement"))


def source_rows(ids, *, text=False):
    """The sources `ids` as dicts in that order: COLUMNS, and the article's `text` when
    asked (a search's snippet is drawn from it)."""
    rows = with_citing_counts(of_ids(Source, ids))
    return in_id_order(ids, rows.values(*COLUMNS, *(["text"] if text else [])))
