"""The statements table: its columns (django-tables2) and its cells, drawn from
`statement_rows`."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join

from ..models import Contact, Medium, Person, Source, Statement
from ..models.dates import format_date
from ..quotes import quoted_html
from ..rows import statement_rows
from ..search.columns import RelevanceColumn, text_snippet
from .prepared import PreparedBody, person_html

MEDIUM_LABELS = dict(Medium.choices)
CONTACT_SHOWN = ["kind", "date_start", "date_end", "date_precision", "summary"]  # its str()


class StatementTable(PreparedBody, tables.Table):
    links = {"contact": (Contact, "pk"), "person": (Person, "slug"), "source": (Source, "pk")}

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
        text = quoted_html(text, row["is_verbatim"])
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
    contact = Contact(**{name: row[f"contact__{name}"] for name in CONTACT_SHOWN})
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
