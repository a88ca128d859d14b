from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters

from contacts.lists.filters import MAX_ID
from contacts.models import Country
from contacts.search import matching


class FullTextSearchAdmin:
    """Admin search served by the full-text index instead of LIKE '%...%' scans."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return matching(queryset, search_term), False


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
