"""Pagination that never counts a whole large table.

Counting stops at `cap` rows (shown as "10,000+", as Datasette does), and only the
pages inside the cap are served; deeper rows are reached by narrowing the filters.
"""

import json

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import IntegerField, QuerySet, Subquery
from django.utils.functional import cached_property


def queryset_of(rows):
    """The queryset behind `rows`: a queryset, or django-tables2's rows over one."""
    if isinstance(rows, QuerySet):
        return rows
    data = getattr(getattr(rows, "data", None), "data", None)  # BoundRows -> TableData
    return data if isinstance(data, QuerySet) else None


class TablePage(Page):
    def __bool__(self):
        """A page that exists is true. (As a sequence its truth would be its length, which
        reads the page's rows as model instances: the tables draw them from prepared rows.)"""
        return True


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *args, cap=None, count_rows=None, **kwargs):
        """`count_rows(cap)`, when given, counts the rows (up to cap + 1) another way."""
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = cap or settings.TABLE_COUNT_CAP
        self.count_rows = count_rows
        self.capped = False

    @cached_property
    def count(self):
        rows = queryset_of(self.object_list)
        if self.count_rows is not None:
            rows = self.count_rows(self.cap)
        elif rows is not None:
            rows = rows.order_by().values("pk")[: self.cap + 1].count()
        else:
            rows = len(self.object_list)
        self.capped = rows > self.cap
        return min(rows, self.cap)

    def _get_page(self, *args, **kwargs):
        return TablePage(*args, **kwargs)

    @property
    def cap_display(self):
        return f"{self.cap:,}"

    @property
    def count_display(self):
        return shown_count(self.count, at_least=self.capped)


class CappedCount(Subquery):
    """The number of rows of a (correlated) queryset, up to `cap` + 1, as a column: counted
    in the row's own query, reading at most that many rows. `capped_shown(value)` shows it."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS capped)"
    output_field = IntegerField()

    def __init__(self, queryset, cap=None):
        cap = cap or settings.TABLE_COUNT_CAP
        super().__init__(queryset.order_by().values("pk")[: cap + 1])


def capped_shown(count, cap=None):
    """A `CappedCount` as shown: '1,234', or '10,000+' past the cap."""
    cap = cap or settings.TABLE_COUNT_CAP
    return shown_count(min(count, cap), at_least=count > cap)


def shown_count(count, *, at_least=False):
    """'1,234', or '10,000+' when the rows counted stopped short of all of them."""
    return f"{count:,}+" if count and at_least else f"{count:,}"


def count_and_sample(rows, cap, sample):
    """(how many `rows` there are, up to `cap` + 1; the ids of the first `sample` of them)
    in one query: a filtered list's count also gives its facets their sample, which they
    would otherwise find again (a common word among tweets: the search ran twice)."""
    try:
        sql, params = rows.order_by().values("pk")[: cap + 1].query.sql_with_params()
    except EmptyResultSet:  # the filters can match nothing
        return 0, []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT COUNT(*), (ARRAY_AGG(pk))[1:{int(sample)}] FROM ({sql}) AS counted",
                params,
            )
            found, ids = cursor.fetchone()
            return found, list(ids or [])
        cursor.execute(
            f"WITH counted(pk) AS ({sql}) SELECT (SELECT COUNT(*) FROM counted), "
            f"(SELECT json_group_array(pk) FROM (SELECT pk FROM counted LIMIT {int(sample)}))",
            params,
        )
        found, ids = cursor.fetchone()
        return found, json.loads(ids)
