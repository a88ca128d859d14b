"""The analyst tables as pages show them (exports are written by `contacts.exports`)."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ..aggregates import split
from ..models import Contact, Person, Statement
from ..search.columns import RelevanceColumn, contact_snippet, search_of, text_snippet

JOIN = "; "


def participant_html(participant):
    if participant.person_id:
        return format_html(
            '<a href="{}" dir="auto">{}</a>',
            participant.person.get_absolute_url(),
            participant.person.name,
        )
    return format_html('<span dir="auto" class="unnamed">{}</span>', participant.description)


def joined_html(items, render):
    return format_html_join(", ", "{}", ((render(item),) for item in items)) or "—"


class ContactTable(tables.Table):
    date = tables.Column(
        accessor="date_display",
        order_by=("date_start", "date_end", "pk"),
        linkify=True,
        attrs={"td": {"class": "date-cell"}},
    )
    kind = tables.Column(order_by=("kind", "date_start", "pk"))
    initiator = tables.Column(empty_values=(), order_by=("initiator_label", "date_start", "pk"))
    others = tables.Column("Other participants", empty_values=(), orderable=False)
    countries = tables.Column(empty_values=(), orderable=False)
    location = tables.Column(order_by=("location", "date_start", "pk"))
    summary = tables.Column(attrs={"td": {"dir": "auto", "class": "summary"}}, orderable=False)
    source_count = tables.Column(
        "Number of sources",
        attrs={"td": {"class": "num"}},
        order_by=("source_count", "date_start", "pk"),
    )
    relevance = RelevanceColumn("-date_start", "-pk")

    class Meta:
        model = Contact
        fields = []
        sequence = [
            "date",
            "kind",
            "initiator",
            "others",
            "countries",
            "location",
            "summary",
            "source_count",
            "...",
        ]
        order_by = ("-date",)
        empty_text = "No contact matches these filters."

    def render_initiator(self, record):
        initiator = record.initiator
        if initiator is None:
            return mark_safe('<span class="muted">unknown</span>')
        certainty = "" if record.initiator_certainty == "stated" else " (implied)"
        return format_html("{}{}", participant_html(initiator), certainty)

    def render_others(self, record):
        return joined_html(record.recipients, participant_html)

    def countries_of(self, record):
        return sorted({p.country.name for p in record.participants.all() if p.country_id})

    def render_countries(self, record):
        return ", ".join(self.countries_of(record)) or "—"

    def render_summary(self, record):
        query = search_of(self)  # a search shows why the row matched
        return contact_snippet(record, query) if query else Truncator(record.summary).chars(220)


class StatementTable(tables.Table):
    date = tables.Column(accessor="date_display", order_by=("date_start", "pk"))
    speaker = tables.Column(empty_values=(), order_by=("speaker__name", "speaker_description"))
    text = tables.Column(attrs={"td": {"dir": "auto", "class": "quote"}})
    medium = tables.Column()
    outlet = tables.Column("Outlet / venue", empty_values=(), order_by=("outlet__name", "venue"))
    contact = tables.Column("Contact", linkify=True, orderable=False)
    sources = tables.Column(empty_values=(), orderable=False)
    relevance = RelevanceColumn("-date_start", "-pk")

    class Meta:
        model = Statement
        fields = []
        sequence = ["date", "speaker", "text", "medium", "outlet", "contact", "sources", "..."]
        order_by = ("-date",)
        empty_text = "No statement matches these filters."

    @staticmethod
    def office_of(record):
        if not record.speaker_id:
            return None
        held = [o for o in record.speaker.offices.all() if o.held_on(record.date_start)]
        return held[0] if held else None

    def render_speaker(self, record):
        if not record.speaker_id:
            return format_html(
                '<span dir="auto" class="unnamed">{}</span>', record.speaker_description
            )
        office = self.office_of(record)
        return format_html(
            '<a href="{}" dir="auto">{}</a>{}',
            record.speaker.get_absolute_url(),
            record.speaker.name,
            format_html("<br><small>{}</small>", office) if office else "",
        )

    def render_text(self, record):
        text = text_snippet(self, record.text)  # a search shows why the row matched
        if record.is_verbatim:
            return format_html("“{}”", text)
        return format_html('{} <span class="tag">paraphrase</span>', text)

    def render_outlet(self, record):
        return (
            ", ".join(filter(None, [record.outlet.name if record.outlet else "", record.venue]))
            or "—"
        )

    def render_sources(self, record):
        """Each source once, linked to its first excerpt's highlight on the source page."""
        first = {}
        for citation in record.citations.all():
            first.setdefault(citation.source_id, citation)
        return format_html_join(
            ", ",
            '<a href="{}#citation-{}" dir="auto">{}</a>',
            ((c.source.get_absolute_url(), c.pk, c.source.title) for c in first.values()),
        )


class PersonTable(tables.Table):
    name = tables.Column(linkify=True, attrs={"td": {"dir": "auto"}})
    country = tables.Column()
    offices = tables.Column("Offices", empty_values=(), orderable=False)
    other_names = tables.Column("Also known as", empty_values=(), orderable=False)
    contact_count = tables.Column("Contacts", attrs={"td": {"class": "num"}})
    statement_count = tables.Column("Statements", attrs={"td": {"class": "num"}})

    class Meta:
        model = Person
        fields = []
        sequence = ["name", "country", "offices", "other_names", "contact_count", "statement_count"]
        order_by = ("name",)
        empty_text = "Nobody matches these filters."

    def render_offices(self, record):
        return JOIN.join(str(o) for o in record.offices.all()) or "—"

    def render_other_names(self, record):
        return (
            format_html_join(
                ", ",
                '<span dir="auto">{}</span>',
                ((name,) for _, name in split(record.alias_names)),
            )
            or "—"
        )
