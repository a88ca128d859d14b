"""The analyst tables as pages show them (exports are written by `contacts.exports`).

The contacts' and statements' bodies are drawn from prepared rows (`prepared`); the people's
table is small and drawn by django-tables2 cell by cell.
"""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ..aggregates import split
from ..models import Contact, ContactKind, Medium, Person, Statement
from ..models.dates import format_date
from ..rows import contact_rows, statement_rows
from ..search.columns import RelevanceColumn, contact_snippet, search_of, text_snippet
from .prepared import PreparedBody, joined_html, person_html

JOIN = "; "
KIND_LABELS = dict(ContactKind.choices)
MEDIUM_LABELS = dict(Medium.choices)


class ContactTable(PreparedBody, tables.Table):
    links = {"contact": "contact-detail", "person": "person-detail"}

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

    def row_source(self, ids):
        return contact_rows(ids, excerpts=search_of(self) is not None)

    def cells(self, row, links, query):
        people = row["participants"]
        initiator = next((p for p in people if p["initiator"]), None)
        others = [person_cell(links, p) for p in people if not p["initiator"]]
        if initiator is None:
            initiator_html = mark_safe('<span class="muted">unknown</span>')
        else:
            implied = "" if row["initiator_certainty"] == "stated" else " (implied)"
            initiator_html = format_html("{}{}", person_cell(links, initiator), implied)
        if query:  # a search shows why the row matched
            excerpts = [cited[5] for cited in row.get("citations", ())]
            summary = contact_snippet(row["summary"], excerpts, query)
        else:
            summary = Truncator(row["summary"]).chars(220)
        date = format_date(row["date_start"], row["date_end"], row["date_precision"])
        return {
            "date": format_html('<a href="{}">{}</a>', links.contact(row["pk"]), date),
            "kind": KIND_LABELS[row["kind"]],
            "initiator": initiator_html,
            "others": joined_html(others),
            "countries": ", ".join(sorted({p["country"] for p in people if p["country"]})) or "—",
            "location": row["location"] or "—",
            "summary": summary,
            "source_count": row["source_count"],
        }


def person_cell(links, participant):
    return person_html(links, participant["name"], participant["slug"], participant["description"])


class StatementTable(PreparedBody, tables.Table):
    links = {"contact": "contact-detail", "person": "person-detail", "source": "source-detail"}

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

    def row_source(self, ids):
        return statement_rows(ids)

    def cells(self, row, links, query):
        speaker = person_html(
            links, row["speaker__name"], row["speaker__slug"], row["speaker_description"]
        )
        if row["speaker_id"] and row["office"]:
            office = ", ".join(filter(None, row["office"]))
            speaker = format_html("{}<br><small>{}</small>", speaker, office)
        text = text_snippet(query, row["text"])  # a search shows why the row matched
        if row["is_verbatim"]:
            text = format_html("“{}”", text)
        else:
            text = format_html('{} <span class="tag">paraphrase</span>', text)
        return {
            "date": format_date(row["date_start"], row["date_end"], row["date_precision"]),
            "speaker": speaker,
            "text": text,
            "medium": MEDIUM_LABELS[row["medium"]],
            "outlet": ", ".join(filter(None, [row["outlet__name"] or "", row["venue"]])) or "—",
            "contact": contact_cell(links, row),
            "sources": sources_cell(links, row["citations"]),
        }


def contact_cell(links, row):
    if not row["contact_id"]:
        return "—"
    contact = Contact(
        kind=row["contact__kind"],
        date_start=row["contact__date_start"],
        date_end=row["contact__date_end"],
        date_precision=row["contact__date_precision"],
        summary=row["contact__summary"],
    )
    return format_html('<a href="{}">{}</a>', links.contact(row["contact_id"]), contact)


def sources_cell(links, citations):
    """Each source once, linked to its first excerpt's highlight on the source page."""
    first = {}
    for pk, source, title, *_ in in_source_order(citations):
        first.setdefault(source, (pk, title))
    return format_html_join(
        ", ",
        '<a href="{}#citation-{}" dir="auto">{}</a>',
        ((links.source(source), pk, title) for source, (pk, title) in first.items()),
    )


def in_source_order(citations):
    """Citations in their sources' order (newest first, undated last, then by title), then
    by id, as `Citation.Meta.ordering` sorts them."""
    rows = sorted(citations, key=lambda citation: (citation[2], int(citation[0])))
    return sorted(rows, key=lambda citation: citation[-1], reverse=True)  # "" (undated) last


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
