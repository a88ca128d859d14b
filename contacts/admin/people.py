from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.text import smart_split, unescape_string_literal

from contacts.models import OfficeHolding, Person, PersonAlias
from contacts.search.substrings import INDEXED, containing, indexed
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
        """People whose name or an alias holds every word typed, ignoring case, accents,
        dots, hyphens and Arabic letter variants (`text.name_key`), as Django's search of
        several words does (one word may be in the name, another in an alias). The words
        are looked up in the names' trigram indexes (`search.substrings`): Django's own
        search compares every name and alias, 300 ms at 100,000 people."""
        words = [unquoted(bit) for bit in smart_split(search_term)]
        keys = [key for key in map(name_key, words) if key]
        if not words:
            return queryset, False
        if not keys:  # only punctuation typed: no name holds it once folded
            return queryset.none(), False
        # The words of three letters or more select from the indexes (pg_trgm's trigrams
        # too need three); the shorter ones ("0", "al") are then checked on the people
        # those give, or, typed alone, on every name.
        selecting = [key for key in keys if len(key) >= INDEXED and indexed(key)] or keys
        for key in selecting:
            named = Person.objects.filter(containing(Person, [key])).values("pk")
            aliased = PersonAlias.objects.filter(containing(PersonAlias, [key])).values("person")
            queryset = queryset.filter(pk__in=named.order_by().union(aliased.order_by(), all=True))
        for key in keys:
            if key not in selecting:
                aliases = PersonAlias.objects.filter(person=OuterRef("pk"), name_key__contains=key)
                queryset = queryset.filter(Q(name_key__contains=key) | Exists(aliases))
        return queryset, False


def unquoted(bit):
    """A word of the search, or a quoted phrase unquoted, as Django's admin reads them."""
    if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
        return unescape_string_literal(bit)
    return bit


@admin.register(OfficeHolding)
class OfficeHoldingAdmin(LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    list_display = ["person", "title", "role", "organisation", "country", "start_date", "end_date"]
    list_filter = ["role", "country"]
    list_select_related = ["person", "organisation", "country"]
    search_fields = ["title", "person__name", "person__aliases__name"]
    autocomplete_fields = ["person", "organisation", "country"]
    fields = ["person", *OFFICE_FIELDS]
    inlines = [citation_inline("office")]
