from django.contrib import admin

from contacts.models import OfficeHolding, Person, PersonAlias

from .citations import citation_inline
from .concurrency import VersionedAdmin, VersionedInline
from .history import RestorableAdmin
from .large import LargeTableAdmin
from .name_search import search_by_name

OFFICE_FIELDS = [
    "title",
    "role",
    "organisation",
    "country",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
]


class AliasInline(VersionedInline, admin.TabularInline):
    model = PersonAlias
    fields = ["name", "kind", "shared", "seen_version"]
    extra = 1


class OfficeInline(admin.TabularInline):
    """Offices are listed here and edited on their own page, where they cite a source."""

    model = OfficeHolding
    fields = OFFICE_FIELDS
    readonly_fields = OFFICE_FIELDS
    show_change_link = True
    can_delete = False
    extra = 0
    max_num = 0
    verbose_name_plural = "offices (add or edit each under Office holdings, with its citation)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    list_display = ["name", "country", "slug"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name", "aliases__name"]  # what is searched: `get_search_results`
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    fields = ["name", "slug", "country", "notes"]
    inlines = [AliasInline, OfficeInline]

    def get_search_results(self, request, queryset, search_term):
        """People holding every word typed in a name or an alias (`name_search`), for
        this list and every autocomplete of a person."""
        return search_by_name(queryset, search_term), False


@admin.register(OfficeHolding)
class OfficeHoldingAdmin(LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    list_display = ["person", "title", "role", "organisation", "country", "start_date", "end_date"]
    list_filter = ["role", "country"]
    list_select_related = ["person", "organisation", "country"]
    search_fields = ["title", "person__name", "person__aliases__name"]  # as below
    autocomplete_fields = ["person", "organisation", "country"]
    fields = ["person", *OFFICE_FIELDS]
    inlines = [citation_inline("office")]

    def get_search_results(self, request, queryset, search_term):
        """Offices whose title or holder (a name or an alias: `name_search`) holds each
        word typed, for this list and the autocomplete of a citation's office."""
        return search_by_name(queryset, search_term, person="person", also=["title"]), False
