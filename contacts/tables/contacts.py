"""The contacts table: its columns (django-tables2) and its cells, drawn from `contact_rows`."""

import django_tables2 as tables
from django.utils.safestring import mark_safe

from ..markup import escape, truncated
from ..models import Contact, ContactKind, Person
from ..models.dates import format_date
from ..rows import contact_rows
from ..search.columns import RelevanceColumn, contact_snippet, search_of
from .prepared import PreparedBody, joined_html, person_html

KIND_LABELS = dict(ContactKind.choices)


class ContactTable(PreparedBody, tables.Table):
    links = {"contact": (Contact, "pk"), "person": (Person, "slug")}

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
            initiator_html = mark_safe(person_cell(links, initiator) + implied)
        if query:  # a search shows why the row matched
            excerpts = [cited[5] for cited in row.get("citations", ())]
            summary = contact_snippet(row["summary"], excerpts, query)
        else:
            summary = truncated(row["summary"], 220)
        date = format_date(row["date_start"], row["date_end"], row["date_precision"])
        return {
            "date": mark_safe(f'<a href="{links.contact(row["pk"])}">{escape(date)}</a>'),
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
