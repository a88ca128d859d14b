"""The sources table: each article, and how many contacts and statements cite it; a
search shows the article's text around the match under its title. Its cells are drawn from
`source_rows`."""

import django_tables2 as tables
from django.conf.locale import LANG_INFO
from django.db.models import F
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html

from ..models import Source
from ..rows import source_rows
from ..search.columns import RelevanceColumn, search_of, text_snippet
from .prepared import PreparedBody


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


def cited_link(list_url, source, count):
    """The count, linked to the list of the records that cite `source`."""
    if not count:
        return "0"
    return format_html('<a href="{}?source={}">{}</a>', list_url, source, f"{count:,}")


class SourceTable(PreparedBody, tables.Table):
    links = {"source": (Source, "pk")}

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
    # Ties broken by the counts' own copy of the id: the sort then reads one index.
    contact_count = tables.Column(
        "Contacts", attrs={"td": {"class": "num"}}, order_by=("contact_count", "counts__source_id")
    )
    statement_count = tables.Column(
        "Statements",
        attrs={"td": {"class": "num"}},
        order_by=("statement_count", "counts__source_id"),
    )

    relevance = RelevanceColumn(F("published_date").desc(nulls_last=True), "title", "pk")

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

    def row_source(self, ids):
        return source_rows(ids, text=search_of(self) is not None)

    def cells(self, row, links, query):
        title = format_html('<a href="{}">{}</a>', links.source(row["pk"]), row["title"])
        if query:  # a search shows why the row matched
            title = format_html(
                '{}<br><small class="excerpt">{}</small>', title, text_snippet(query, row["text"])
            )
        published, code = row["published_date"], row["language"]
        name = language_name(code)
        return {
            "title": title,
            "outlet": row["outlet__name"] or "—",
            "published": published.isoformat() if published else "—",
            "language": (code if name == code else f"{name} ({code})") or "—",
            "contact_count": cited_link(self.list_urls[0], row["pk"], row["contact_count"]),
            "statement_count": cited_link(self.list_urls[1], row["pk"], row["statement_count"]),
        }

    @cached_property
    def list_urls(self):
        return reverse("contact-list"), reverse("statement-list")
