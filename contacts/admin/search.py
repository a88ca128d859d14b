from django.contrib import admin

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
        if self.value() and self.value().isdigit():
            return queryset.with_country(int(self.value()))
        return queryset
