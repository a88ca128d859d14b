"""Table bodies drawn from rows prepared for the page, not cell by cell.

django-tables2 keeps what it does well: the column declarations, sorting, pagination and
the header. The body is drawn here: the page's ids are read in its order (one narrow
query), the rows come from the table's row source (`contacts.rows`: one query with the
participants, offices and citations aggregated in SQL), and each row's cells are built
once in Python, links from URL patterns reversed once per page. Cell text and links are
those the per-cell rendering drew (tests/test_prepared_tables.py compares them).
"""

from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ..search.columns import search_of

SLOT = "0"  # stands for an id or a slug in a reversed URL pattern


class Links:
    """URL patterns reversed once, filled per row: `links.person(slug)`."""

    def __init__(self, **names):
        self.patterns = {}
        for attribute, name in names.items():
            url = reverse(name, args=[SLOT])
            self.patterns[attribute] = url[: url.rindex(SLOT)] + "{}" + url[url.rindex(SLOT) + 1 :]

    def __getattr__(self, attribute):
        pattern = self.patterns[attribute]
        return lambda value: pattern.format(value)


def person_html(links, name, slug, description):
    """A named participant or speaker as a link; an unnamed one as the report describes them."""
    if name:
        return format_html('<a href="{}" dir="auto">{}</a>', links.person(slug), name)
    return format_html('<span dir="auto" class="unnamed">{}</span>', description)


def joined_html(items):
    return format_html_join(", ", "{}", ((item,) for item in items)) or "—"


class PreparedBody:
    """Mixin for a django-tables2 `Table` whose `row_source(ids)` gives the page's rows as
    dicts and whose `cells(row, links, query)` gives each visible column's cell HTML."""

    links = {}  # attribute: URL name, for `Links`

    def page_ids(self):
        rows = self.page.object_list.data if self.page else self.data.data
        return list(rows.values_list("pk", flat=True))

    def body_html(self):
        columns = [
            (column.name, column.attrs["td"].as_html(), escape(column.header))
            for column in self.columns
        ]
        rows = self.row_source(self.page_ids())
        links, query = Links(**self.links), search_of(self)
        html = []
        for number, row in enumerate(rows):
            cells = self.cells(row, links, query)
            html.append(f'<tr class="{"odd" if number % 2 else "even"}">')
            html += [
                f'<td {attrs} data-label="{header}">{conditional_escape(cells[name])}</td>'
                for name, attrs, header in columns
            ]
            html.append("</tr>")
        if not html and self.empty_text:
            html.append(f'<tr><td colspan="{len(columns)}">{escape(self.empty_text)}</td></tr>')
        return mark_safe("".join(html))
