"""The contact form's "statements about this contact": link what participants said around it."""

from django import forms
from django.contrib import admin

from contacts.models import Statement
from contacts.quotes import quoted_text
from contacts.services import link_statements

from .concurrency import VersionedForm


class StatementChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, statement):
        speaker = statement.speaker.name if statement.speaker else statement.speaker_description
        words = quoted_text(statement.text[:140], statement.is_verbatim)
        return f"{statement.date_display} · {speaker}: {words}"


class ContactForm(VersionedForm):
    linked_statements = StatementChoices(
        queryset=Statement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Statements about this contact",
        help_text="What its participants said from two days before to a week after it. "
        "Ticked statements are linked to this contact; unticking one unlinks it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["linked_statements"]
        if self.instance.pk:
            field.queryset = Statement.objects.linkable_to(self.instance).select_related("speaker")
            field.initial = [s.pk for s in field.queryset if s.contact_id == self.instance.pk]
        else:
            field.widget = forms.MultipleHiddenInput()


class LinkingAdmin(admin.ModelAdmin):
    """Writes the ticked statements through the service once the contact is saved."""

    form = ContactForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and "linked_statements" in form.cleaned_data:
            offered = form.fields["linked_statements"].queryset
            link_statements(
                contact=form.instance,
                chosen=form.cleaned_data["linked_statements"],
                offered=offered,
            )
