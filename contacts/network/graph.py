"""The network page's matrix and graph, each number linked to the contacts behind it."""

import math
from collections import Counter
from urllib.parse import quote_plus

from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..models import Person
from ..rows.links import Links as RecordLinks
from .analysis import UNKNOWN

MATRIX_SIZE = 25  # busiest initiators (rows) and recipients (columns)
GRAPH_EDGES = 250  # busiest pairs drawn
NODE_SIZE = (16, 64)  # px: the least and the most contacts; area grows with the count
EDGE_WIDTH = (1.5, 9)


def scaled(value, largest, bounds):
    """`value` of at most `largest` on a square-root scale between `bounds`."""
    low, high = bounds
    return round(low + (high - low) * math.sqrt(value / largest), 1) if largest else low


class Links:
    """Links to the contacts list, keeping the page's filters."""

    def __init__(self, filters=None):
        self.filters = filters.copy() if filters else QueryDict(mutable=True)
        for name in ("group", "page"):
            self.filters.pop(name, None)
        self.bases = {}  # the names a link sets -> the address with the other filters
        self.encoded = {}  # value -> value, encoded
        self.person = RecordLinks(person=(Person, "slug")).person

    def contacts(self, **params):
        """The contacts list with the page's filters and `params` (replacing those names).
        The filters are encoded once per set of names, not once per link: a month's
        matrix and graph hold about a thousand links."""
        names = frozenset(params)
        base = self.bases.get(names)
        if base is None:
            query = self.filters.copy()
            for name in names:
                query.pop(name, None)
            kept = query.urlencode()
            base = self.bases[names] = f"{reverse('contact-list')}?{kept}{'&' if kept else ''}"
        return base + "&".join(
            self.piece(name, item)
            for name, value in params.items()
            for item in (value if isinstance(value, list) else [value])
        )

    def piece(self, name, value):
        """`name=value`, the value encoded once per page: a node stands in dozens of links,
        under several names (`name` is a filter's, which needs no encoding; `value` is a
        slug, a description or a country code)."""
        encoded = self.encoded.get(value)
        if encoded is None:
            encoded = self.encoded[value] = quote_plus(str(value))
        return f"{name}={encoded}"

    @staticmethod
    def value(node):
        """What the contact filters call `node`: a slug, a description or a country code."""
        if node.kind == "person":
            return node.slug
        if node.kind == "unnamed":
            return node.description
        return node.country.code if node.country else None

    def node(self, node):
        """A person's page; the contacts of an unnamed counterpart or a country."""
        if node.kind == "person":
            return self.person(node.slug)
        value = self.value(node)
        if value is None:
            return ""
        if node.kind == "country":
            return self.contacts(with_country=[value])
        return self.contacts(with_participant=[value])

    def directed(self, source, target):
        """Contacts `source` initiated with `target` taking part."""
        if source.kind == "country":
            if source.country is None or target.country is None:
                return ""
            return self.contacts(
                initiator_country=source.country.code, recipient_country=target.country.code
            )
        return self.contacts(initiator=self.value(source), recipient=self.value(target))

    def undirected(self, *nodes):
        """Contacts of every one of `nodes` whose initiator the sources do not give."""
        values = [self.value(node) for node in nodes]
        if None in values:
            return ""
        name = "with_country" if nodes[0].kind == "country" else "with_participant"
        return self.contacts(**{name: values, "initiator_unknown": "true"})


def matrix(reach, links, size=MATRIX_SIZE):
    """Rows of (row node, [(column node, contacts, url), ...]): the busiest initiators by the
    busiest recipients, then a row of the contacts whose initiator is unknown."""
    by_row, by_column = Counter(), Counter()
    for (source, target), n in reach.directed.items():
        by_row[source] += n
        by_column[target] += n
    unknown = {node: n for node, n in reach.unknown.items() if n}
    by_column.update(unknown)
    columns = sorted((node for node, _ in by_column.most_common(size)), key=lambda n: n.label)
    rows = sorted((node for node, _ in by_row.most_common(size)), key=lambda n: n.label)
    table = [
        (
            row,
            [cell(column, reach.directed[row, column], links.directed, row) for column in columns],
        )
        for row in rows
    ]
    if unknown:
        cells = [cell(column, unknown.get(column, 0), links.undirected) for column in columns]
        table.append((UNKNOWN, cells))
    return table, columns


def cell(column, count, link, *nodes):
    """(column, count, the link to those contacts); no link for a count of 0 (most cells)."""
    return column, count, link(*nodes, column) if count else ""


def matrix_body(table):
    """The matrix's rows as HTML (`matrix`'s table): 650 cells at 25 by 25, which the
    template drew with a dozen lookups each."""
    html = []
    names = {}  # each column's label, escaped once
    for row, cells in table:
        unknown = row.kind == "initiator"
        name = escape(row.label)
        attributes = ' class="initiator-unknown"' if unknown else ""
        html.append(f'<tr{attributes}><th scope="row" dir="auto">{name}</th>')
        for column, count, url in cells:
            if count and url:
                plural = "" if count == 1 else "s"
                what = f"{count} contact{plural}"
                to = names.get(column)
                if to is None:
                    to = names[column] = escape(column.label)
                if unknown:
                    label = f"{what} of {to} whose initiator is unknown"
                else:
                    label = f"{what} from {name} to {to}"
                cell = f'<a href="{escape(url)}" aria-label="{label}">{count}</a>'
            else:
                cell = str(count) if count else '<span class="muted">·</span>'
            html.append(f'<td class="num">{cell}</td>')
        html.append("</tr>")
    return mark_safe("".join(html))


def elements(reach, links, edges=GRAPH_EDGES):
    """Cytoscape nodes and edges for the busiest `edges` pairs, known initiator or not."""
    pairs = Counter({(True, *pair): n for pair, n in reach.directed.items()})
    pairs.update({(False, *pair): n for pair, n in reach.undirected.items()})
    pairs = dict(pairs.most_common(edges))
    nodes = sorted({node for _, *pair in pairs for node in pair}, key=lambda n: n.key)
    most_contacts = max((reach.totals[node] for node in nodes), default=0)
    heaviest = max(pairs.values(), default=0)
    drawn = [
        {
            "data": {
                "id": node.key,
                "label": node.label,
                "kind": node.kind,
                "contacts": reach.totals[node],
                "size": scaled(reach.totals[node], most_contacts, NODE_SIZE),
                "url": links.node(node),
            }
        }
        for node in nodes
    ]
    for (directed, source, target), n in sorted(
        pairs.items(), key=lambda item: (not item[0][0], item[0][1].key, item[0][2].key)
    ):
        arrow = "->" if directed else "--"
        drawn.append(
            {
                "data": {
                    "id": f"{source.key}{arrow}{target.key}",
                    "source": source.key,
                    "target": target.key,
                    "weight": n,
                    "width": scaled(n, heaviest, EDGE_WIDTH),
                    "url": links.directed(source, target)
                    if directed
                    else links.undirected(source, target),
                },
                "classes": "directed" if directed else "undirected",
            }
        )
    return drawn
