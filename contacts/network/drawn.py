"""What a network page can draw, chosen before anything is named.

A month at a million contacts counts about 1,000 participants; the page draws the busiest
pairs as a graph and the busiest recipients as the matrix's columns, about 300 of them.
Naming every one of them (a person's slug and name, a country's code) was a third of the
page's time. The choice is made here on the counted rows' columns exactly as
`graph.elements` and `graph.matrix` make it on named nodes, ties included: they keep their
first-counted order, and a participant's node is its person, or for an unnamed counterpart
its description and country, or its country.
"""

from collections import Counter


def identity(columns):
    """The node a row's (person, description, country) columns make, before it is named."""
    return (columns[0],) if columns[0] is not None else tuple(columns)


def ordered(node):
    """A sortable key for `identity` (any of its values may be NULL)."""
    return tuple((value is None, value) for value in node)


def drawable(directed, undirected, totals, edges, columns):
    """(undirected pairs, totals rows) that a graph of the `edges` busiest pairs and a matrix
    of the `columns` busiest recipients draw, in their order; every directed pair is kept
    (the matrix's rows and cells are read from them)."""
    sides = {"directed": Counter(), "undirected": Counter()}
    for row in directed:
        sides["directed"][identity(row[0:3]), identity(row[3:6])] += row[6]
    for row in undirected:
        sides["undirected"][pair(row)] += row[6]
    pairs = Counter({(True, *key): n for key, n in sides["directed"].items()})
    pairs.update({(False, *key): n for key, n in sides["undirected"].items()})
    drawn = dict(pairs.most_common(edges))
    nodes = {node for _, *key in drawn for node in key}

    by_column, unknown = Counter(), Counter()
    for (_, target), n in sides["directed"].items():
        by_column[target] += n
    for row in totals:
        unknown[identity(row[0:3])] += row[4]
    unknown = {node: n for node, n in unknown.items() if n}
    by_column.update(unknown)
    nodes.update(node for node, _ in by_column.most_common(columns))
    nodes.update(list(unknown)[:1])  # the matrix's row of unknown initiators is drawn

    kept_pairs = [row for row in undirected if (False, *pair(row)) in drawn]
    kept_totals = [row for row in totals if identity(row[0:3]) in nodes]
    return kept_pairs, kept_totals


def pair(row):
    """An undirected pair row's two nodes, in one order whichever way it was counted."""
    return tuple(sorted([identity(row[0:3]), identity(row[3:6])], key=ordered))
