"""Filters for the analyst tables; every value travels in the URL."""

import django_filters as filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from ..models import (
    Citation,
    Contact,
    ContactKind,
    Medium,
    OfficeHolding,
    Organisation,
    Participant,
    Person,
    Source,
    Statement,
)
from ..search import INDEXES
from ..search.filtering import FullTextFilter, search_box
from ..text import name_key
from .filter_fields import (
    AppliedChoice,
    CitedSource,
    CountedFilterSet,
    country_filter,
    outlet_filter,
    source_filter,
)
from .participation import (
    FREQUENT,
    Participation,
    named_participations,
    participants_named,
    people_named,
    spoken_by,
)
from .timeline import NEWEST_FIRST, NewestDates
from .windows import DATE_INPUT, DateWindow, refuse_reversed_window, window_bounds

MAX_TEXT = 200  # longer filter text is refused with a message (SQLite caps LIKE patterns)
MAX_ID = 2**63 - 1  # the largest id a BigAutoField (and SQLite's INTEGER) can hold


def text_filter(**kwargs):
    return filters.CharFilter(max_length=MAX_TEXT, **kwargs)


class IdFilter(filters.NumberFilter):
    """A record's number: a whole number the database can hold, or a message on the form
    (1e30 or a 40-digit number would otherwise reach the query and fail there)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.update(min_value=1, max_value=MAX_ID)
        kwargs.setdefault("error_messages", {"max_value": "No record has so large a number."})
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # the field's own max_value validates


SEARCH_HELP = '("a phrase", word*, -word, OR)'


class ContactFilter(CitedSource, DateWindow, FullTextFilter):
    cited_field = "contact"
    charted = True
    person_param, person_link_text = "participant", "Contacts of {}"
    name_fields = ("participant", "initiator", "recipient")
    person_counted = 0  # the position of a person's count of contacts in `Query.listed`
    q = search_box(f"Search summaries and excerpts {SEARCH_HELP}")
    participant = text_filter(label="Participant (any name or alias)", method="by_participant")
    direction = AppliedChoice(  # applied with `participant`: the two describe one row
        label="Participant's part",
        choices=[("initiated", "initiated the contact"), ("received", "was contacted")],
    )
    initiator = text_filter(label="Initiator", method="by_initiator")
    recipient = text_filter(label="Contacted person", method="by_recipient")
    country = country_filter(label="Country (of any participant)", method="by_country")
    organisation = text_filter(label="Organisation (of any participant)", method="by_organisation")
    kind = filters.ChoiceFilter(choices=ContactKind.choices)
    date_from, date_to = window_bounds()
    source = source_filter()

    initiator_country = text_filter(method="by_initiator_country", widget=forms.HiddenInput)
    recipient_country = text_filter(method="by_recipient_country", widget=forms.HiddenInput)
    # The network page's links: contacts of each of several people (or countries), and
    # contacts whose initiator the sources do not give (repeat a name: ?with_participant=a&…).
    with_participant = filters.Filter(method="by_each", widget=forms.MultipleHiddenInput)
    with_country = filters.Filter(method="by_each", widget=forms.MultipleHiddenInput)
    initiator_unknown = filters.BooleanFilter(method="by_initiator_known", widget=forms.HiddenInput)

    participation = frequent_rows = None  # set while filtering: see filter_queryset

    class Meta:
        model = Contact
        fields = []

    def by_organisation(self, queryset, name, value):
        """Contacts of anyone who held an office in an organisation so named, by any of its
        names ("State Department" is the US Department of State's other name), or its id."""
        named = Q(name__icontains=value) | Q(abbreviation__iexact=value)
        named |= Q(names_searched__name_key=name_key(value))  # any of its names, whole
        if value.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
            named |= Q(pk=int(value))
        holders = OfficeHolding.objects.filter(organisation__in=Organisation.objects.filter(named))
        return queryset.with_participants(person__in=holders.values("person"))

    def by_country(self, queryset, name, value):
        rows = Participant.objects.filter(country=value)
        self.participation = Participation(rows, ("country",), shared=True)
        return queryset.with_participants(rows)

    def by_initiator_country(self, queryset, name, value):
        return queryset.initiated_by(country__code=value.upper())

    def by_recipient_country(self, queryset, name, value):
        return queryset.received_by(country__code=value.upper())

    def filter_queryset(self, queryset):
        """The filters, and cheaper forms when one person is the whole filter (`Participation`).
        Unless a search reads its first matches (`FirstMatches`), the rows' dates are read
        once, grouped, for the chart and the row count (`timeline.NewestDates`)."""
        self.participation = self.frequent_rows = self.ids_to_sample = self.newest_first = None
        filtered = super().filter_queryset(queryset)
        chosen = self.participation
        if chosen is not None and self.only_active(*chosen.filters):
            self.ids_to_sample = chosen.contacts()
            dates = self.newest_first = chosen.newest_first()
            self.frequent_rows = chosen.rows.order_by()
        elif self.searched_form is None:
            dates = filtered.prefetch_related(None).order_by(*NEWEST_FIRST)
            dates = dates.values_list("date_start", "date_end", "pk")
        else:
            return filtered
        self.dates_to_chart = NewestDates(dates)
        self.count_rows = self.dates_to_chart.count
        return filtered

    def page_rows(self):
        """A person in more than FREQUENT contacts: the table page's rows read in date order,
        each contact tested (not for the network or exports: they read all their contacts)."""
        rows = self.frequent_rows
        if rows is None or self.count(settings.TABLE_COUNT_CAP) <= FREQUENT:
            return None
        return self.queryset.with_frequent_participants(rows)

    def by_participant(self, queryset, name, value):
        # The part a participant played is applied here, so the two filters describe one row.
        rows, people = named_participations(value)
        direction = self.form.cleaned_data.get("direction")
        if direction == "initiated":
            rows = rows.initiators()
        elif direction == "received":
            rows = rows.recipients()
        if people:  # several people's may share a contact: counted once (`Participation`)
            self.participation = Participation(rows, ("participant", "direction"), people > 1)
        return queryset.with_participants(rows)

    def by_each(self, queryset, name, value):
        values = [value] if isinstance(value, str) else value
        for text in [text for text in values if 0 < len(text.strip()) <= MAX_TEXT][:5]:
            if name == "with_country":
                rows = Participant.objects.filter(country__code=text.strip().upper())
            else:
                rows = participants_named(text)
            queryset = queryset.with_participants(rows)
        return queryset

    def by_initiator_known(self, queryset, name, value):
        initiated = Participant.objects.initiators().values("contact")
        return queryset.exclude(pk__in=initiated) if value else queryset.filter(pk__in=initiated)

    def by_initiator(self, queryset, name, value):
        return queryset.with_participants(participants_named(value).initiators())

    def by_recipient(self, queryset, name, value):
        return queryset.with_participants(participants_named(value).recipients())


class StatementFilter(CitedSource, DateWindow, FullTextFilter):
    cited_field = "statement"
    person_param, person_link_text = "speaker", "Statements by {}"
    name_fields = ("speaker",)
    person_counted = 1  # of statements
    q = search_box(f"Search the text {SEARCH_HELP}")
    speaker = text_filter(label="Speaker (any name or alias)", method="by_speaker")
    country = country_filter(label="Speaker's country", method="by_country")
    medium = filters.ChoiceFilter(choices=Medium.choices)
    outlet = outlet_filter("Outlet")
    source = source_filter()
    is_verbatim = filters.ChoiceFilter(
        label="Quote or paraphrase",
        choices=[("true", "Verbatim quotes"), ("false", "Paraphrases")],
        method="by_form",
    )
    date_from, date_to = window_bounds()
    contact = IdFilter(field_name="contact", widget=forms.HiddenInput)
    key = text_filter(field_name="key", widget=forms.HiddenInput)

    class Meta:
        model = Statement
        fields = []

    def by_speaker(self, queryset, name, value):
        return queryset.filter(spoken_by(value))

    def by_country(self, queryset, name, value):
        return queryset.filter(speaker_country=value)  # filled from the speaker when empty

    def by_form(self, queryset, name, value):
        return queryset.filter(is_verbatim=value == "true")


class SourceFilter(FullTextFilter):
    q = search_box(f"Search the article text {SEARCH_HELP}")
    outlet = outlet_filter("Outlet")
    language = text_filter(label="Language (ISO code, e.g. en)", method="by_language")
    cited = filters.ChoiceFilter(
        label="Cited by",
        choices=[
            ("contact", "a contact"),
            ("statement", "a statement"),
            ("none", "neither a contact nor a statement"),
        ],
        method="by_citing",
    )
    date_from = filters.DateFilter(
        label="Published from", field_name="published_date", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = filters.DateFilter(
        label="Published to", field_name="published_date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = Source
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if Source._meta.db_table not in INDEXES:
            del self.filters["q"]  # until the article text has its full-text index

    def filter_queryset(self, queryset):
        refuse_reversed_window(self.form)
        return super().filter_queryset(queryset)

    def by_language(self, queryset, name, value):
        return queryset.filter(language=value.strip().lower())

    def by_citing(self, queryset, name, value):
        def citing(field):
            return Exists(
                Citation.objects.filter(source=OuterRef("pk"), **{f"{field}__isnull": False})
            )

        if value == "none":
            return queryset.exclude(citing("contact")).exclude(citing("statement"))
        return queryset.filter(citing(value))


class PersonFilter(CountedFilterSet):
    name_fields = ("name",)
    name = text_filter(label="Name, alias or office", method="by_name")
    office = text_filter(label="Office or role, e.g. foreign minister", method="by_office")
    country = country_filter()

    class Meta:
        model = Person
        fields = []

    def by_name(self, queryset, name, value):
        holders = OfficeHolding.objects.titled(value).values("person")
        return queryset.filter(Q(pk__in=people_named(value)) | Q(pk__in=holders))

    def by_office(self, queryset, name, value):
        return queryset.filter(pk__in=OfficeHolding.objects.titled(value).values("person"))
