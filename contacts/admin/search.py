from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ALL_VAR, PAGE_VAR

from contacts.lists.filters import MAX_ID
from contacts.models import Country
from contacts.search import matching, matching_for_counts, search_query


class FullTextSearchAdmin:
    """Admin search served by the full-text index instead of LIKE '%...%' scans; the rows
    are counted in the index's own order (`matching_for_counts`), not in the page's, which
    would test row after row until the count's cap."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        query = search_query(search_term)  # parsed (and its names expanded) once
        query.rows_wanted = self.rows_wanted(request)
        request.search_counted = matching_for_counts(queryset, query)
        return matching(queryset, query), False

    def rows_wanted(self, request):
        """The rows up to the asked page's last ("show all": every row)."""
        if ALL_VAR in request.GET:
            return None
        try:
            page = max(1, int(request.GET.get(PAGE_VAR) or 1))
        except ValueError:
            page = 1
        return page * self.list_per_page

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        counted = getattr(request, "search_counted", None)
        if counted is None:
            return super().get_paginator(
                request, queryset, per_page, orphans, allow_empty_first_page
            )

        def count_rows(cap):  # CappedPaginator (LargeTableAdmin) counts this way
            return counted.order_by().values("pk")[: cap + 1].count()

        return self.paginator(
            queryset, per_page, orphans, allow_empty_first_page, count_rows=count_rows
        )


class ParticipantCountryFilter(admin.SimpleListFilter):
    title = "participant's country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return [(country.pk, country.name) for country in Country.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:  # not str.isdigit(): "²" is a digit that int() refuses
            country = int(self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        if not 0 < country <= MAX_ID:  # 1e40 would fail in the database driver
            raise IncorrectLookupParameters(f"No country has the number {self.value()}.")
        return queryset.with_country(country)
