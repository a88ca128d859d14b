"""Inline formsets shared by the record admins."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from contacts.integrity import last_citation_problem, source_text_problem
from contacts.models import Citation

from .concurrency import VersionedInline


def kept_forms(formset):
    """Forms holding a row that will exist after saving."""
    return [
        form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def deleted_instances(formset):
    return [
        form.instance
        for form in formset.forms
        if form.instance.pk and formset.can_delete and formset._should_delete_form(form)
    ]


def kept_forms_have_errors(formset):
    return any(
        form.errors
        for form in formset.forms
        if not (formset.can_delete and formset._should_delete_form(form))
    )


class CitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not kept_forms(self) and not any(form.errors for form in self.forms):
            raise ValidationError("Cite at least one source with a verbatim excerpt.")


def citation_inline(record_field):
    """A citation inline for records cited through `record_field`."""

    class CitationInline(VersionedInline, admin.StackedInline):
        model = Citation
        fk_name = record_field
        formset = CitationFormSet
        fields = ["source", "excerpt", "date_as_written", "note", "seen_version"]
        autocomplete_fields = ["source"]
        extra = 0
        min_num = 1
        verbose_name = "citation"

    return CitationInline


class SourceCitationFormSet(BaseInlineFormSet):
    """A source's citations, checked against the text the same change gives the source: an
    excerpt the new text no longer contains is refused on its row, and a citation removed
    here must not be its record's last."""

    def clean(self):
        super().clean()
        if kept_forms_have_errors(self):
            return
        if problem := last_citation_problem(deleted_instances(self)):
            raise ValidationError(problem)
        if self.instance.pk:
            listed = [form.instance.pk for form in self.forms]
            if problem := source_text_problem(self.instance, self.instance.text, listed):
                raise ValidationError(problem)


class SourceCitationInline(VersionedInline, admin.TabularInline):
    model = Citation
    fk_name = "source"
    formset = SourceCitationFormSet
    fields = ["cites", "excerpt", "date_as_written", "note", "seen_version"]
    readonly_fields = ["cites"]
    extra = 0
    verbose_name_plural = (
        "citations of this source (correct an excerpt here when you correct the text)"
    )

    def has_add_permission(self, request, obj=None):
        return False  # a citation is added from the record it backs

    @admin.display(description="cites")
    def cites(self, citation):
        return record_link(citation)


def admin_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def record_link(citation):
    record = citation.record
    return format_html('<a href="{}">{}: {}</a>', admin_url(record), citation.record_label, record)
