"""Sources with the number of contacts and statements citing each, listed and exported.

The counts are correlated subqueries on the citations' source index: one query for a
page of sources (or a chunk of an export), none per row.
"""

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .export_rows import as_text, in_order
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


class SourceRows:
    headers = [
        "Title",
        "Outlet",
        "Published",
        "Language",
        "Contacts",
        "Statements",
        "URL",
        "Link",
    ]

    def __init__(self, base_url):
        self.base_url = base_url

    def rows(self, queryset):
        sources = with_citing_counts(
            Source.objects.annotate(export_published=as_text("published_date"))
        ).values_list(
            "pk",
            "title",
            "outlet__name",
            "export_published",
            "language",
            "contact_count",
            "statement_count",
            "url",
        )
        link = f"{self.base_url}/sources/"
        for pk, title, outlet, published, language, contacts, statements, url in in_order(
            queryset, lambda ids: sources.filter(pk__in=ids)
        ):
            yield [
                title,
                outlet or "",
                published or "",
                language,
                contacts,
                statements,
                url,
                f"{link}{pk}/",
            ]
