"""Optimistic locking for admin edits: the second of two concurrent saves is stopped."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError


class VersionedForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        stored = type(self.instance).objects.select_for_update().get(pk=self.instance.pk)
        if cleaned.get("seen_version") != stored.version:
            raise ValidationError(self.conflict_message(stored), code="stale")
        return cleaned

    def conflict_message(self, stored):
        differences = [
            f"{field.verbose_name}: saved “{field.value_from_object(stored)}”, "
            f"yours “{self.cleaned_data.get(field.name)}”"
            for field in stored._meta.concrete_fields
            if field.name in self.cleaned_data
            and field.value_from_object(stored) != self.cleaned_data.get(field.name)
        ]
        both = "; ".join(differences) or "the fields differ only in related rows"
        return (
            "Another editor changed this record since you opened it. Nothing was saved. "
            f"Their version and yours: {both}. Reload the page to start from their version."
        )


class VersionedAdmin(admin.ModelAdmin):
    """Admin whose change form refuses to overwrite an edit made since it was opened.

    The check in VersionedForm.clean locks the row (select_for_update, and SQLite's
    IMMEDIATE transactions), so the version read there is still current here.
    """

    form = VersionedForm

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = form.cleaned_data["seen_version"] + 1
        super().save_model(request, obj, form, change)
