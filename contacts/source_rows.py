"""Sources with the number of contacts and statements citing each, for the list and export.

The counts are correlated subqueries on the citations' source index: one query for a
page of sources (or a chunk of an export), none per row.
"""

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Citation, Source


def citing(field):
    """How many distinct `field` records (contact or statement) cite the outer source."""
    rows = Citation.objects.filter(source=OuterRef("pk"), **{f"{field}__isnull": False})
    counted = rows.order_by().values("source").annotate(n=Count(field, distinct=True))
    return Coalesce(Subquery(counted.values("n")), Value(0))


def with_citing_counts(queryset):
    return queryset.annotate(contact_count=citing("contact"), statement_count=citing("statement"))


def sources_for_list():
    return with_citing_counts(Source.objects.select_related("outlet"))
