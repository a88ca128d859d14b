"""Filters for the analyst tables; every value travels in the URL."""

from functools import partial

import django_filters as filters
from django import forms
from django.db.models import Q

from .models import (
    Citation,
    Contact,
    ContactKind,
    Country,
    Medium,
    OfficeHolding,
    Organisation,
    Participant,
    Person,
    Statement,
)
from .models.dates import overlapping, spanning_into
from .search import count_matches, matching
from .text import name_key
from .widgets import QuickSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
MAX_TEXT = 200  # longer search text is refused with a message (SQLite caps LIKE patterns)


def text_filter(**kwargs):
    return filters.CharFilter(max_length=MAX_TEXT, **kwargs)


def people_named(value):
    """People whose slug is `value`, or whose name or any alias contains it."""
    key = name_key(value)
    if not key:
        return Person.objects.none()
    return Person.objects.filter(
        Q(slug=value) | Q(name_key__contains=key) | Q(aliases__name_key__contains=key)
    ).values("pk")


def participants_named(value):
    """Participants who are such people, or unnamed counterparts so described.

    A person's slug (as every link to a person's contacts uses) means that person only:
    an indexed look-up instead of matching every name, alias and description.
    """
    exact = list(Person.objects.filter(slug=value).values_list("pk", flat=True))
    if exact:
        return Participant.objects.filter(person__in=exact)
    return Participant.objects.filter(
        Q(person__in=people_named(value)) | Q(person=None, description__icontains=value.strip())
    )


class DateWindow:
    """From and To select records whose dates overlap the window, in one condition."""

    def by_dates(self, queryset, name, value):
        start, end = self.form.cleaned_data.get("date_from"), self.form.cleaned_data.get("date_to")
        if name == "date_to" and start is not None:
            return queryset  # applied together with date_from
        # One look at the small index of spanning records: when none reaches into the
        # window, the condition is a single range and pages come in index order, unsorted.
        spans = start is not None and (queryset.model.objects.filter(spanning_into(start)).exists())
        return queryset.filter(overlapping(start, end, spans=spans))


class ContactFilter(DateWindow, filters.FilterSet):
    q = text_filter(label="Search summaries and excerpts (all words)", method="search")
    participant = text_filter(label="Participant (any name or alias)", method="by_participant")
    direction = filters.ChoiceFilter(
        label="Participant's part",
        choices=[("initiated", "initiated the contact"), ("received", "was contacted")],
        method="by_direction",
    )
    initiator = text_filter(label="Initiator", method="by_initiator")
    recipient = text_filter(label="Contacted person", method="by_recipient")
    country = filters.ModelChoiceFilter(
        label="Country (of any participant)",
        queryset=Country.objects.all(),
        method="by_country",
        widget=QuickSelect,
    )
    organisation = text_filter(label="Organisation (of any participant)", method="by_organisation")
    kind = filters.ChoiceFilter(choices=ContactKind.choices)
    date_from = filters.DateFilter(label="From", method="by_dates", widget=DATE_INPUT)
    date_to = filters.DateFilter(label="To", method="by_dates", widget=DATE_INPUT)
    # A number, not a <select>: an archive holds hundreds of thousands of sources.
    source = filters.NumberFilter(label="Source number", method="by_source", min_value=1)

    initiator_country = text_filter(method="by_initiator_country", widget=forms.HiddenInput)
    recipient_country = text_filter(method="by_recipient_country", widget=forms.HiddenInput)

    class Meta:
        model = Contact
        fields = []

    def by_organisation(self, queryset, name, value):
        """Contacts of anyone who held an office in an organisation so named (or its id)."""
        named = Q(name__icontains=value) | Q(abbreviation__iexact=value)
        if value.isdigit():
            named |= Q(pk=int(value))
        holders = OfficeHolding.objects.filter(organisation__in=Organisation.objects.filter(named))
        return queryset.with_participants(person__in=holders.values("person"))

    def by_source(self, queryset, name, value):
        cited = Citation.objects.filter(source_id=value, contact__isnull=False)
        return queryset.filter(pk__in=cited.values("contact"))

    def by_country(self, queryset, name, value):
        return queryset.with_country(value)

    def by_initiator_country(self, queryset, name, value):
        rows = Participant.objects.filter(country__code=value.upper(), is_initiator=True)
        return queryset.filter(pk__in=rows.values("contact"))

    def by_recipient_country(self, queryset, name, value):
        rows = Participant.objects.filter(
            country__code=value.upper(),
            is_initiator=False,
            contact__participants__is_initiator=True,
        )
        return queryset.filter(pk__in=rows.values("contact"))

    def search(self, queryset, name, value):
        by_summary = matching(Contact.objects.all(), value, outer=False).values("pk")
        by_excerpt = matching(Citation.objects.filter(contact__isnull=False), value, outer=False)
        return queryset.filter(Q(pk__in=by_summary) | Q(pk__in=by_excerpt.values("contact")))

    def by_participant(self, queryset, name, value):
        # The part a participant played is applied here, so the two filters describe one row.
        rows = participants_named(value)
        direction = self.form.cleaned_data.get("direction")
        if direction == "initiated":
            rows = rows.filter(is_initiator=True)
        elif direction == "received":
            rows = rows.filter(is_initiator=False, contact__participants__is_initiator=True)
        return queryset.filter(pk__in=rows.values("contact"))

    def by_direction(self, queryset, name, value):
        return queryset  # applied together with `participant`

    def by_initiator(self, queryset, name, value):
        rows = participants_named(value).filter(is_initiator=True)
        return queryset.filter(pk__in=rows.values("contact"))

    def by_recipient(self, queryset, name, value):
        rows = participants_named(value).filter(
            is_initiator=False, contact__participants__is_initiator=True
        )
        return queryset.filter(pk__in=rows.values("contact"))


class StatementFilter(DateWindow, filters.FilterSet):
    count_rows = None  # a cheaper way to count the filtered rows, when there is one
    q = text_filter(label="Search the text (all words)", method="search")
    speaker = text_filter(label="Speaker (any name or alias)", method="by_speaker")
    country = filters.ModelChoiceFilter(
        queryset=Country.objects.all(),
        method="by_country",
        label="Speaker's country",
        widget=QuickSelect,
    )
    medium = filters.ChoiceFilter(choices=Medium.choices)
    is_verbatim = filters.ChoiceFilter(
        label="Quote or paraphrase",
        choices=[("true", "Verbatim quotes"), ("false", "Paraphrases")],
        method="by_form",
    )
    date_from = filters.DateFilter(label="From", method="by_dates", widget=DATE_INPUT)
    date_to = filters.DateFilter(label="To", method="by_dates", widget=DATE_INPUT)
    contact = filters.NumberFilter(field_name="contact", widget=forms.HiddenInput)
    key = text_filter(field_name="key", widget=forms.HiddenInput)

    class Meta:
        model = Statement
        fields = []

    def search(self, queryset, name, value):
        if self.only_active(name):
            # The search is the whole filter: the index alone counts the rows.
            self.count_rows = partial(count_matches, Statement, value)
        return matching(queryset, value)

    def only_active(self, name):
        data = self.form.cleaned_data
        return all(value in (None, "", [], ()) for field, value in data.items() if field != name)

    def by_speaker(self, queryset, name, value):
        return queryset.filter(
            Q(speaker__in=people_named(value)) | Q(speaker_description__icontains=value.strip())
        )

    def by_country(self, queryset, name, value):
        return queryset.filter(speaker_country=value)  # filled from the speaker when empty

    def by_form(self, queryset, name, value):
        return queryset.filter(is_verbatim=value == "true")


class PersonFilter(filters.FilterSet):
    name = text_filter(label="Name, alias or office", method="by_name")
    office = text_filter(label="Office or role, e.g. foreign minister", method="by_office")
    country = filters.ModelChoiceFilter(queryset=Country.objects.all(), widget=QuickSelect)

    class Meta:
        model = Person
        fields = []

    def by_name(self, queryset, name, value):
        holders = OfficeHolding.objects.titled(value).values("person")
        return queryset.filter(Q(pk__in=people_named(value)) | Q(pk__in=holders))

    def by_office(self, queryset, name, value):
        return queryset.filter(pk__in=OfficeHolding.objects.titled(value).values("person"))
