"""Table bodies drawn from rows prepared for the page, not cell by cell.

django-tables2 keeps what it does well: the column declarations, sorting, pagination and
the header. The body is drawn here: the rows come from the table's row source
(`contacts.rows`: one query with the participants, offices and citations aggregated in
SQL, for the ids the page's own query selects, in its order), and each row's cells are built
once in Python, links from URL patterns reversed once per page. Cell text and links are
those the per-cell rendering drew (tests/test_prepared_tables.py compares them).
"""

from django.utils.safestring import mark_safe

from ..markup import conditional_escape, escape
from ..rows.links import Links
from ..rows.reading import PageOfRows
from ..search.columns import search_of


def person_html(links, name, slug, description):
    """A named participant or speaker as a link; an unnamed one as the report describes them."""
    if name:  # f-strings and escape(): format_html costs more, once per cell of every row
        return mark_safe(f'<a href="{escape(links.person(slug))}" dir="auto">{escape(name)}</a>')
    return mark_safe(f'<span dir="auto" class="unnamed">{escape(description)}</span>')


def joined_html(items):
    """Cells' HTML pieces (already safe) joined by commas, or a dash."""
    return mark_safe(", ".join(items)) if items else "—"


class PreparedBody:
    """Mixin for a django-tables2 `Table` whose `row_source(ids)` gives the page's rows as
    dicts and whose `cells(row, links, query)` gives each visible column's cell HTML."""

    links = {}  # attribute: (model, the field its address names), for `Links`

    @property
    def order_shown(self):
        """How the rows are ordered, for the search note: "relevance" or "-relevance" when
        ranked, else by the first column sorted on (the lists' own order: newest first)."""
        order = list(self.order_by or ())
        if not order or tuple(map(str, order)) == tuple(self._meta.order_by or ()):
            return "by date, newest first"
        first = order[0]
        if first.bare == "relevance":
            return str(first)
        if first.bare in ("date", "published"):
            return "by date, " + ("newest first" if first.is_descending else "oldest first")
        header = str(self.columns[first.bare].header).lower()
        return f"by {header}" + (", descending" if first.is_descending else "")

    def page_query(self):
        page = getattr(self, "page", None)  # None: the table is not paginated
        return page.object_list.data if page else self.data.data

    def page_ids(self):
        return list(self.page_query().values_list("pk", flat=True))

    def body_html(self):
        columns = [
            (column.name, column.attrs["td"].as_html(), escape(column.header))
            for column in self.columns
        ]
        rows = self.row_source(PageOfRows(self.page_query()))
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
