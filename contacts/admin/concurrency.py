"""Optimistic locking for admin edits: the second of two concurrent saves is stopped.

Every record editors change carries a `version`, raised on each save (signals.py). A form
remembers the version it was opened at (`seen_version`); saving checks it against the
stored row, locked for the rest of the admin's transaction (select_for_update, and SQLite's
IMMEDIATE transactions), so the check cannot race the write. Inline rows carry their own
version, so a citation edited in the Citation admin is not overwritten from its contact.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

EMPTY = "(empty)"


def comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    return None if value in ("", None) else value


def readable(field, value):
    """A value as an editor reads it: names, not ids; labels, not codes."""
    if value in ("", None):
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


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
        stored = type(self.instance).objects.select_for_update().filter(pk=self.instance.pk)
        stored = stored.first()
        if stored is None:
            raise ValidationError(
                "Another editor deleted this record since you opened the page. Nothing was "
                "saved; reload the page.",
                code="deleted",
            )
        if cleaned.get("seen_version") != stored.version:
            raise ValidationError(self.conflict_message(stored), code="stale")
        self.instance.version = stored.version  # raised once more when saved
        return cleaned

    def differences(self, stored):
        """(label, theirs, yours) for every field whose value really differs."""
        for name in self.fields:
            if name not in self.cleaned_data:
                continue
            try:
                field = stored._meta.get_field(name)
            except FieldDoesNotExist:  # a form-only field (seen_version, DELETE)
                continue
            if not field.concrete or field.many_to_many:
                continue
            theirs = getattr(stored, name)
            yours = self.cleaned_data[name]
            if comparable(theirs) != comparable(yours):
                yield field.verbose_name, readable(field, theirs), readable(field, yours)

    def conflict_message(self, stored):
        rows = [
            f"{label}: saved “{theirs}”, yours “{yours}”"
            for label, theirs, yours in self.differences(stored)
        ]
        both = "; ".join(rows) or "no field differs; their change was to related rows"
        return (
            f"Another editor changed this {stored._meta.verbose_name} since you opened it. "
            f"Nothing was saved. Their version and yours: {both}. Reload the page to start "
            "from their version."
        )


def with_seen_version(fields):
    """The form's fields with the hidden version it was opened at."""
    fields = list(fields)
    return fields if "seen_version" in fields else [*fields, "seen_version"]


class VersionedAdmin(admin.ModelAdmin):
    """Admin whose change form refuses to overwrite an edit made since it was opened."""

    form = VersionedForm

    def get_fields(self, request, obj=None):
        return with_seen_version(super().get_fields(request, obj))


class VersionedInline:
    """Inline rows that refuse to overwrite a row edited elsewhere since the page opened."""

    form = VersionedForm

    def get_fields(self, request, obj=None):
        return with_seen_version(super().get_fields(request, obj))
