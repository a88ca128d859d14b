"""Inline formsets shared by the record admins."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from contacts.models import Citation


def kept_forms(formset):
    """Forms holding a row that will exist after saving."""
    return [
        form for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class CitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not kept_forms(self) and not any(form.errors for form in self.forms):
            raise ValidationError("Cite at least one source with a verbatim excerpt.")


def citation_inline(record_field):
    """A citation inline for records cited through `record_field`."""

    class CitationInline(admin.StackedInline):
        model = Citation
        fk_name = record_field
        formset = CitationFormSet
        fields = ["source", "excerpt", "date_as_written", "note"]
        autocomplete_fields = ["source"]
        extra = 0
        min_num = 1
        verbose_name = "citation"

    return CitationInline
