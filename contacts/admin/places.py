from django.contrib import admin

from contacts.models import Country, Organisation

from .concurrency import VersionedAdmin
from .history import RestorableAdmin


@admin.register(Country)
class CountryAdmin(VersionedAdmin, RestorableAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(VersionedAdmin, RestorableAdmin):
    list_display = ["name", "abbreviation", "kind", "country", "parent"]
    list_filter = ["kind", "country"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "abbreviation", "other_names"]
    autocomplete_fields = ["country", "parent"]
    fields = ["name", "abbreviation", "other_names", "kind", "country", "parent"]
