"""The cells of a table's CSV computed in SQL, and the queries that read them in the rows'
order (`copied` writes them: COPY on PostgreSQL, the fetched rows on SQLite).

A whole table in an indexed order is one query along that index; a filtered or otherwise
sorted list's ids are read in order as every export reads them (`reading.id_chunks`), and
each GROUP of them is one query, joined to the ids in their order (a sort never carries
whole rows of more than a group). The cells come from the exporter's `copied_cells()` (its
`records` cells in SQL); entered text is neutralised in SQL as `safety.neutralise` does, and
an empty text is NULL, which both writers write as nothing, as Python's writer writes ''
and None alike (COPY would write '' as "").
"""

from contextlib import closing

from django.db import connection
from django.db.models import Case, TextField, Value, When
from django.db.models.functions import Cast, Concat, NullIf, Substr
from django.db.models.lookups import In

from .reading import id_chunks, whole_in_an_indexed_order
from .safety import FORMULA_TRIGGERS

GROUP = 5000  # ids (at least, a whole number of chunks) per query of a list read by ids


def copies(exporter, part):
    """Whether this export is written from cells in SQL (`copied.database_csv`): a CSV of
    the table itself, on a database `queries` knows (GROUPED), by an exporter that offers
    `copied_cells` and `copied_model`."""
    return (
        part is None
        and connection.vendor in GROUPED
        and hasattr(exporter, "copied_cells")
        and hasattr(exporter, "copied_model")
    )


def text(expression):
    """A cell as text, NULL when empty (COPY writes NULL as nothing, '' as "")."""
    return NullIf(Cast(expression, TextField()), Value(""), output_field=TextField())


def entered(expression):
    """Entered text as a CSV cell: a quote before a formula's first character
    (`safety.neutralise`)."""
    cell = text(expression)
    formula = In(Substr(cell, 1, 1), list(FORMULA_TRIGGERS))
    return Case(
        When(formula, then=Concat(Value("'"), cell, output_field=TextField())),
        default=cell,
        output_field=TextField(),
    )


def queries(exporter, rows):
    """(sql, params) of each query of the cells, in order: one along the index of a whole table's
    order, else one per group of the rows' ids (`reading.id_chunks`), in the ids' order."""
    cells = exporter.copied_cells()
    columns = {
        f"cell_{index}": (text(cell) if header in exporter.written else entered(cell))
        for index, (header, cell) in enumerate(zip(exporter.headers, cells, strict=True))
    }
    if whole_in_an_indexed_order(rows):
        yield rows.annotate(**columns).values_list(*columns).query.sql_with_params()
        return
    # One query for every group of ids, the ids one parameter (an array's text: '{3,1,2}'),
    # joined in their order by name (`pk`): the query is built and compiled once. PostgreSQL
    # knows that WITH ORDINALITY numbers the ids in order: it walks them, each row looked up
    # by its key, and sorts nothing. An id listed twice is written twice, one whose row is
    # gone is not written, as Python's path does (`rows.reading.in_id_order`).
    model = exporter.copied_model
    found = model._default_manager.annotate(**columns).order_by().values_list(*columns, "pk")
    inner, inner_params = found.query.sql_with_params()
    sql, listed = GROUPED[connection.vendor]
    sql = sql.format(names=", ".join(columns), inner=inner)
    with closing(id_chunks(rows)) as chunks:  # its cursor closed when the CSV is left
        for ids in groups(chunks):
            yield sql, [*inner_params, listed(ids)]


# A group's query on each database, and its ids as one parameter. SQLite: json_each gives each
# id's place (`key`); SQLite knows no order of its rows, so it sorts the group's rows by it (a
# temporary B-tree of at most a group's rows: at 1M contacts, as fast as reading them by
# `id IN (...)` and putting them in order in Python, 0.74 s against 0.81 s for 50,902 rows).
GROUPED = {
    "postgresql": (
        "SELECT {names} FROM ({inner}) AS copied "
        "JOIN unnest(%s::bigint[]) WITH ORDINALITY AS listed(pk, place) USING (pk) "
        "ORDER BY listed.place",
        lambda ids: "{" + ",".join(map(str, ids)) + "}",
    ),
    "sqlite": (
        "SELECT {names} FROM ({inner}) AS copied "
        "JOIN json_each(%s) AS listed ON listed.value = copied.pk ORDER BY listed.key",
        lambda ids: "[" + ",".join(map(str, ids)) + "]",
    ),
}


def groups(chunks):
    """The first chunk of ids alone (the first lines leave early), then GROUP ids at a time."""
    group = []
    for number, chunk in enumerate(chunks):
        group += chunk
        if number == 0 or len(group) >= GROUP:
            yield group
            group = []
    if group:
        yield group
