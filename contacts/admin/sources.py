from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from contacts.models import Citation, Source

from .large import LargeTableAdmin


@admin.register(Source)
class SourceAdmin(LargeTableAdmin, SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_date", "reported_date"]
    list_filter = [("published_date", admin.DateFieldListFilter), "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "slug", "url"]
    autocomplete_fields = ["outlet"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["cited_by"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.TextField: {"strip": False},  # the article text is kept exactly as published
    }
    fields = [
        "title",
        "slug",
        "outlet",
        "url",
        "reported_date",
        "published_date",
        "notes",
        "text",
        "cited_by",
    ]

    @admin.display(description="cited by")
    def cited_by(self, source):
        citations = source.citations.select_related("contact", "statement", "office__person")
        rows = [
            (admin_url(citation.record), citation.record_label, citation.record)
            for citation in citations
        ]
        if not rows:
            return "No record cites this source yet."
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}: {}</a></li>', rows)
        )


def admin_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


@admin.register(Citation)
class CitationAdmin(LargeTableAdmin, SimpleHistoryAdmin):
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
    fields = ["source", "excerpt", "date_as_written", "note", "contact", "statement", "office"]
