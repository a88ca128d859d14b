"""The sources' row source: an article with how many contacts and statements cite it.

The counts are read from `SourceCounts`, which the database keeps (migration 0014): one
query for a page of sources (or a chunk of an export), none per row, and a sort by a count
reads that count's index.
"""

from django.db.models import F

from ..models import Source
from .kept import built_once
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


def with_citing_counts(queryset):
    """`queryset` with `contact_count` and `statement_count` (the list sorts by them): how
    many distinct contacts and statements cite each source."""
    return queryset.filter(counts__isnull=False).annotate(
        contact_count=F("counts__contacts"), statement_count=F("counts__statements")
    )


@built_once
def annotated(*, text):
    """Every source's COLUMNS as values, with its `text` when asked."""
    rows = with_citing_counts(Source.objects.all())
    return rows.values(*COLUMNS, *(["text"] if text else []))


def source_rows(ids, *, text=False):
    """The sources `ids` as dicts in that order: COLUMNS, and the article's `text` when
    asked (a search's snippet is drawn from it)."""
    return in_id_order(ids, of_ids(annotated(text=text), ids))
