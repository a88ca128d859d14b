from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect

from contacts.integrity import RECORD_FIELDS, last_citation_problem
from contacts.models import Citation, Source

from .citations import SourceCitationInline, admin_url
from .concurrency import VersionedAdmin, VersionedForm
from .history import RestorableAdmin
from .large import LargeTableAdmin


@admin.register(Source)
class SourceAdmin(LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    list_display = ["title", "outlet", "published_date", "reported_date"]
    list_filter = [("published_date", admin.DateFieldListFilter), "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "slug", "url"]
    autocomplete_fields = ["outlet"]
    prepopulated_fields = {"slug": ["title"]}
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.TextField: {"strip": False},  # the article text is kept exactly as published
    }
    fields = ["title", "slug", "outlet", "url", "reported_date", "published_date", "notes", "text"]
    inlines = [SourceCitationInline]


class CitationForm(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.errors:
            stored = Citation.objects.get(pk=self.instance.pk)
            moved = any(
                cleaned.get(field) is not None
                and getattr(stored, f"{field}_id") != cleaned[field].pk
                or (cleaned.get(field) is None and getattr(stored, f"{field}_id"))
                for field in RECORD_FIELDS
            )
            if moved and (problem := last_citation_problem([stored])):
                raise forms.ValidationError(problem)
        return cleaned


@admin.register(Citation)
class CitationAdmin(LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    form = CitationForm
    list_display = ["source", "excerpt", "record", "note"]
    list_select_related = [
        "source",
        "contact",
        "statement__speaker",
        "office__person",
        "office__organisation",
        "office__country",
    ]
    search_fields = ["excerpt", "note", "source__title"]
    autocomplete_fields = ["source", "contact", "statement", "office"]
    fields = ["source", "excerpt", "date_as_written", "note", *RECORD_FIELDS]

    def delete_view(self, request, object_id, extra_context=None):
        citation = self.get_object(request, object_id)
        if citation is not None and (problem := last_citation_problem([citation])):
            self.message_user(request, problem, messages.ERROR)
            return HttpResponseRedirect(admin_url(citation))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            delete, name, description = actions["delete_selected"]

            def guarded_delete(modeladmin, request, queryset):
                if problem := last_citation_problem(list(queryset)):
                    modeladmin.message_user(request, problem, messages.ERROR)
                    return None
                return delete(modeladmin, request, queryset)

            actions["delete_selected"] = (guarded_delete, name, description)
        return actions
