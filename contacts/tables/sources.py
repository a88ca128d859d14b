"""The sources table: each article, and how many contacts and statements cite it.

`render_*` shows links; exports are written by `contacts.exports.sources.SourceRows`.
"""

import django_tables2 as tables
from django.conf.locale import LANG_INFO
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html

from ..models import Source


def language_name(code):
    """'English' for 'en'; an unknown code as it is."""
    return LANG_INFO.get(code, {}).get("name", code)


def nulls_last(field, *then):
    """A table's `order_<column>`: `field` in the direction asked with empty values last on
    both databases (PostgreSQL puts NULL first when descending, SQLite last), then `then`."""

    def order(table, queryset, is_descending):
        first = F(field).desc(nulls_last=True) if is_descending else F(field).asc(nulls_last=True)
        rest = [f"-{name}" if is_descending else name for name in then]
        return queryset.order_by(first, *rest), True

    return order


def cited_link(list_name, source, count):
    """The count, linked to the list of the records that cite `source`."""
    if not count:
        return "0"
    url = f"{reverse(list_name)}?source={source.pk}"
    return format_html('<a href="{}">{}</a>', url, f"{count:,}")


class SourceTable(tables.Table):
    title = tables.Column(
        "Title",
        linkify=True,
        attrs={"td": {"dir": "auto", "class": "title"}},
        order_by=("title", "pk"),
    )
    outlet = tables.Column(
        "Outlet", accessor="outlet__name", attrs={"td": {"dir": "auto", "class": "outlet"}}
    )
    published = tables.Column(
        "Published", accessor="published_date", attrs={"td": {"class": "date-cell"}}
    )
    language = tables.Column("Language", order_by=("language", "title", "pk"))
    contact_count = tables.Column(
        "Contacts", attrs={"td": {"class": "num"}}, order_by=("contact_count", "pk")
    )
    statement_count = tables.Column(
        "Statements", attrs={"td": {"class": "num"}}, order_by=("statement_count", "pk")
    )

    order_outlet = nulls_last("outlet__name", "title", "pk")
    order_published = nulls_last("published_date", "title", "pk")

    class Meta:
        model = Source
        fields = []
        sequence = [
            "title",
            "outlet",
            "published",
            "language",
            "contact_count",
            "statement_count",
        ]
        order_by = ("-published",)
        attrs = {"class": "sources-table"}
        empty_text = "No source matches these filters."

    def render_published(self, value):
        return value.isoformat()

    def render_language(self, value):
        name = language_name(value)
        return value if name == value else f"{name} ({value})"

    def render_contact_count(self, record, value):
        return cited_link("contact-list", record, value)

    def render_statement_count(self, record, value):
        return cited_link("statement-list", record, value)
