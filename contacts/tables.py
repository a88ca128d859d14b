"""The analyst tables. `render_*` shows links; `value_*` gives plain text for exports."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .models import Contact, Person, Statement
from .search.columns import RelevanceColumn, contact_snippet, search_of, text_snippet

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


def iso_dates(record):
    if record.date_start == record.date_end:
        return record.date_start.isoformat()
    return f"{record.date_start.isoformat()}/{record.date_end.isoformat()}"


def evidence(record):
    """Sources (title, outlet, URL) and excerpts, as plain text for exports."""
    citations = list(record.citations.all())
    sources = {c.source_id: c.source for c in citations}.values()
    described = JOIN.join(
        " — ".join(filter(None, [s.title, s.outlet.name if s.outlet else "", s.url]))
        for s in sources
    )
    excerpts = JOIN.join(f"“{c.excerpt}”" for c in citations)
    return described, excerpts


class EvidenceColumns(tables.Table):
    """Export-only columns that keep each row traceable to its sources."""

    source_details = tables.Column(
        "Source details", empty_values=(), visible=False, orderable=False
    )
    excerpts = tables.Column("Excerpts", empty_values=(), visible=False, orderable=False)
    link = tables.Column("Link", empty_values=(), visible=False, orderable=False)

    def value_source_details(self, record):
        return evidence(record)[0]

    def value_excerpts(self, record):
        return evidence(record)[1]

    def value_link(self, record):
        request = getattr(self, "request", None)
        url = record.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class ContactTable(EvidenceColumns):
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
    cameo = tables.Column("CAMEO", accessor="cameo_code", visible=False, orderable=False)
    plover = tables.Column("PLOVER", accessor="plover_mode", visible=False, orderable=False)
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

    def value_initiator(self, record):
        return str(record.initiator or "")

    def render_others(self, record):
        return joined_html(record.recipients, participant_html)

    def value_others(self, record):
        return JOIN.join(str(p) for p in record.recipients)

    def countries_of(self, record):
        return sorted({p.country.name for p in record.participants.all() if p.country_id})

    def render_countries(self, record):
        return ", ".join(self.countries_of(record)) or "—"

    def value_countries(self, record):
        return JOIN.join(self.countries_of(record))

    def value_date(self, record):
        return iso_dates(record)

    def render_summary(self, record):
        query = search_of(self)  # a search shows why the row matched
        return contact_snippet(record, query) if query else Truncator(record.summary).chars(220)

    def value_summary(self, record):
        return record.summary

    def value_location(self, record):
        return record.location


class StatementTable(EvidenceColumns):
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

    def value_speaker(self, record):
        office = self.office_of(record)
        return f"{record.speaker_label} ({office})" if office else record.speaker_label

    def render_text(self, record):
        text = text_snippet(self, record.text)  # a search shows why the row matched
        if record.is_verbatim:
            return format_html("“{}”", text)
        return format_html('{} <span class="tag">paraphrase</span>', text)

    def value_text(self, record):
        return f"“{record.text}”" if record.is_verbatim else f"{record.text} [paraphrase]"

    def render_outlet(self, record):
        return (
            ", ".join(filter(None, [record.outlet.name if record.outlet else "", record.venue]))
            or "—"
        )

    def value_outlet(self, record):
        return self.render_outlet(record).replace("—", "")

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

    def value_sources(self, record):
        return evidence(record)[0]

    def value_date(self, record):
        return iso_dates(record)


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

    def value_offices(self, record):
        return self.render_offices(record)

    def render_other_names(self, record):
        return (
            format_html_join(
                ", ", '<span dir="auto">{}</span>', ((a.name,) for a in record.aliases.all())
            )
            or "—"
        )

    def value_other_names(self, record):
        return JOIN.join(a.name for a in record.aliases.all())
