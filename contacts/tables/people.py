"""The people table: its columns (django-tables2) and its cells, drawn from `person_rows`."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join

from ..models import Person
from ..rows import person_rows
from .prepared import PreparedBody

JOIN = "; "


class PersonTable(PreparedBody, tables.Table):
    links = {"person": (Person, "slug")}
    name = tables.Column(linkify=True, attrs={"td": {"dir": "auto"}})
    country = tables.Column()
    offices = tables.Column("Offices", empty_values=(), orderable=False)
    other_names = tables.Column("Also known as", empty_values=(), orderable=False)
    # Ties broken by the counts' own copy of the id: the sort then reads one index.
    contact_count = tables.Column(
        "Contacts", attrs={"td": {"class": "num"}}, order_by=("contact_count", "counts__person_id")
    )
    statement_count = tables.Column(
        "Statements",
        attrs={"td": {"class": "num"}},
        order_by=("statement_count", "counts__person_id"),
    )

    class Meta:
        model = Person
        fields = []
        sequence = ["name", "country", "offices", "other_names", "contact_count", "statement_count"]
        order_by = ("name",)
        empty_text = "Nobody matches these filters."

    def row_source(self, ids):
        return person_rows(ids)

    def cells(self, row, links, query):
        aliases = ((alias,) for alias in row["aliases"])
        return {
            "name": format_html('<a href="{}">{}</a>', links.person(row["slug"]), row["name"]),
            "country": row["country__name"] or "—",
            "offices": JOIN.join(row["offices"]) or "—",
            "other_names": format_html_join(", ", '<span dir="auto">{}</span>', aliases) or "—",
            "contact_count": row["contact_count"],
            "statement_count": row["statement_count"],
        }
