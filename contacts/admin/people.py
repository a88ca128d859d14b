from django.contrib import admin
from django.db.models import Q

from contacts.models import OfficeHolding, Person, PersonAlias
from contacts.text import name_key

from .citations import citation_inline
from .concurrency import VersionedAdmin, VersionedInline
from .history import RestorableAdmin
from .large import LargeTableAdmin

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
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    fields = ["name", "slug", "country", "notes"]
    inlines = [AliasInline, OfficeInline]

    def get_search_results(self, request, queryset, search_term):
        """Also find people by any alias, ignoring case, accents and script variants."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = name_key(search_term)
        if key:
            by_alias = self.model.objects.filter(
                Q(name_key__contains=key) | Q(aliases__name_key__contains=key)
            )
            queryset |= self.model.objects.filter(pk__in=by_alias.values("pk"))
        return queryset, may_have_duplicates


@admin.register(OfficeHolding)
class OfficeHoldingAdmin(LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    list_display = ["person", "title", "role", "organisation", "country", "start_date", "end_date"]
    list_filter = ["role", "country"]
    list_select_related = ["person", "organisation", "country"]
    search_fields = ["title", "person__name", "person__aliases__name"]
    autocomplete_fields = ["person", "organisation", "country"]
    fields = ["person", *OFFICE_FIELDS]
    inlines = [citation_inline("office")]
