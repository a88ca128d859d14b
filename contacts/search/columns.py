"""What a searched list shows of the search: each row's snippet, and the relevance sort."""

import django_tables2 as tables
from django.utils.html import format_html

from ..markup import truncated
from .snippets import highlight


def search_of(table):
    """The parsed search of the table's page (set by `filtering.FullTextFilter`), or None."""
    return getattr(getattr(table, "request", None), "search_query", None)


def text_snippet(query, text):
    """The text around the first match when the page searches (`query`), else the text."""
    return highlight(text, query)[0] if query else text


def contact_snippet(summary, excerpts, query):
    """The summary around its first match, or else the first matching excerpt's."""
    shown, found = highlight(summary, query)
    if found:
        return shown
    for text in excerpts:
        excerpt, found = highlight(text, query)
        if found:
            return format_html(
                '{}<br><small class="excerpt">Excerpt: “{}”</small>',
                truncated(summary, 120),
                excerpt,
            )
    return shown


class RelevanceColumn(tables.Column):
    """`sort=relevance`: the best matches first (date next); a list without a search keeps
    its own order. Hidden, and never exported."""

    def __init__(self, *dates):
        super().__init__(
            "Relevance", empty_values=(), visible=False, exclude_from_export=True, orderable=True
        )
        self.dates = dates

    def order(self, queryset, is_descending):
        if "relevance" not in queryset.query.annotations:
            return queryset, True
        return queryset.order_by(f"{'' if is_descending else '-'}relevance", *self.dates), True
