from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet

from contacts.integrity import initiator_problem
from contacts.models import Contact, Participant, Statement

from .citations import citation_inline, kept_forms
from .concurrency import VersionedAdmin
from .history import RestorableAdmin
from .large import LargeTableAdmin
from .linking import LinkingAdmin
from .search import FullTextSearchAdmin, ParticipantCountryFilter


class ParticipantFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        rows = [form.cleaned_data for form in kept_forms(self)]
        if len(rows) < 2:
            raise ValidationError("A contact needs at least two participants.")
        initiators = sum(1 for row in rows if row.get("is_initiator"))
        if problem := initiator_problem(self.instance.initiator_certainty, initiators):
            raise ValidationError(problem)
        people = [row["person"] for row in rows if row.get("person")]
        if len(people) != len(set(people)):
            raise ValidationError("A person is listed twice in this contact.")


class ParticipantInline(admin.TabularInline):
    model = Participant
    formset = ParticipantFormSet
    fields = ["person", "description", "role", "country", "is_initiator"]
    autocomplete_fields = ["person", "country"]
    extra = 0
    min_num = 2


class StatementInline(admin.TabularInline):
    model = Statement
    fields = ["speaker", "speaker_description", "text", "is_verbatim", "date_start"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0
    max_num = 0
    verbose_name_plural = "statements about this contact (edit them under Statements)"


@admin.register(Contact)
class ContactAdmin(
    FullTextSearchAdmin, LargeTableAdmin, LinkingAdmin, VersionedAdmin, RestorableAdmin
):
    list_display = ["date_display", "kind", "summary", "location", "participant_count"]
    # A date filter, not date_hierarchy: listing the years scans every row of a large table.
    list_filter = [
        ("date_start", admin.DateFieldListFilter),
        "kind",
        "date_precision",
        "initiator_certainty",
        ParticipantCountryFilter,
    ]
    search_fields = ["summary"]  # full-text: see FullTextSearchAdmin
    fieldsets = [
        (None, {"fields": ["kind", "summary", "location", "initiator_certainty", "seen_version"]}),
        ("Date", {"fields": ["date_start", "date_precision", "date_end"]}),
        ("Statements", {"fields": ["linked_statements"]}),
        ("Identifier", {"fields": ["key"], "classes": ["collapse"]}),
    ]
    inlines = [ParticipantInline, citation_inline("contact"), StatementInline]

    @admin.display(description="date", ordering="date_start")
    def date_display(self, contact):
        return contact.date_display


@admin.register(Statement)
class StatementAdmin(FullTextSearchAdmin, LargeTableAdmin, VersionedAdmin, RestorableAdmin):
    list_display = ["date_display", "speaker_label", "text", "is_verbatim", "medium", "outlet"]
    list_filter = [
        ("date_start", admin.DateFieldListFilter),
        "medium",
        "is_verbatim",
        "speaker_country",
    ]
    list_select_related = ["speaker", "outlet"]
    search_fields = ["text"]  # full-text: see FullTextSearchAdmin
    autocomplete_fields = ["speaker", "speaker_country", "outlet", "contact"]
    fieldsets = [
        (None, {"fields": ["speaker", "speaker_description", "speaker_role", "speaker_country"]}),
        (None, {"fields": ["text", "is_verbatim", "language"]}),
        (
            "Where and when",
            {"fields": ["medium", "outlet", "venue", "date_start", "date_precision", "date_end"]},
        ),
        (None, {"fields": ["contact", "seen_version"]}),
        ("Identifier", {"fields": ["key"], "classes": ["collapse"]}),
    ]
    inlines = [citation_inline("statement")]
    formfield_overrides = {models.TextField: {"strip": False}}  # quotes are kept exactly

    @admin.display(description="date", ordering="date_start")
    def date_display(self, statement):
        return statement.date_display

    @admin.display(description="speaker", ordering="speaker__name")
    def speaker_label(self, statement):
        return statement.speaker_label
