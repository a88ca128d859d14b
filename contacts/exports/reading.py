"""How every export reads its rows: the filtered ids in order, a chunk at a time.

The filtered, sorted ids stream from one narrow query (a sort never carries whole rows);
each chunk of ids is then read in one query whose many-to-many columns (participants,
citations, offices, aliases) are aggregated in SQL by correlated subqueries
(`contacts.aggregates`). Memory stays flat, no query runs per row, and the first rows go
out as soon as the first chunk is read. A whole table (no filter) whose row source offers it
is read in one query instead, along the index of its order (`from_row_source`).
"""

from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction

from contacts.rows.links import Links

CHUNK = 500  # rows per read
FIRST_CHUNK = 50


@dataclass
class Record:
    """One exported row: its cells, and the citations behind it (source and excerpt kept
    together, one dict per citation)."""

    key: str
    link: str
    cells: list
    evidence: list = field(default_factory=list)


class Rows:
    """A table's export: `headers`, and `records(queryset, evidence=...)` in the
    queryset's order (each record's citations only when `evidence` is asked for)."""

    headers: list = []
    # The headers of cells the export writes itself (dates, labels of fixed choices, counts,
    # links): no one enters their text, so a CSV does not check them for formulas.
    written: frozenset = frozenset()
    has_evidence = False

    def __init__(self, base_url):
        """`base_url`: the site's address; each record's link is it and the record's
        `get_absolute_url()`, from patterns reversed once (`contacts.rows.links`)."""
        from contacts.models import Contact, Person, Source, Statement

        self.links = Links(
            base_url,
            contact=(Contact, "pk"),
            person=(Person, "slug"),
            source=(Source, "pk"),
            statement=(Statement, "key"),
        )

    def evidence(self, cited):
        """Split `citations(...)` rows as [{source, outlet, url, source_page, excerpt, note}]."""
        source_page = self.links.source
        return [
            {
                "source": title,
                "outlet": outlet,
                "url": url,
                "source_page": f"{source_page(source)}#citation-{pk}",
                "excerpt": excerpt,
                "note": note,
            }
            for pk, source, title, outlet, url, excerpt, note, _ in cited
        ]


@contextmanager
def one_snapshot():
    """On PostgreSQL the export's reads are one transaction, so that their cursors stream
    (outside a transaction Django declares them WITH HOLD, and PostgreSQL then computes every
    row before the first), planned for their first rows. Each statement still reads what is
    committed when it starts (READ COMMITTED): a record edited mid-export is written as its
    chunk found it.
    SQLite's transactions here take the write lock, so there each statement keeps its own
    snapshot."""
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if postgresql else nullcontext():
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 0.01")
        yield


def id_chunks(queryset):
    """The ids of `queryset`'s rows in its order, a list per chunk (`one_snapshot`). The
    first chunk is small, so that the first bytes leave before a full chunk is read."""
    with one_snapshot():
        ids = getattr(queryset, "ids", None)  # ids read another way (an `IdsInOrder`)
        ids = ids() if ids else queryset.values_list("pk", flat=True).iterator(chunk_size=CHUNK)
        with closing(ids):  # the cursor closed within the snapshot, even when left unread
            size = FIRST_CHUNK
            while chunk := list(islice(ids, size)):
                yield chunk
                size = CHUNK


class IdsInOrder:
    """A filtered list's ids in its order, read from another table's index (one person's
    participations, in date order): `ids()` yields them from `listed`, a flat `values_list`
    of them alone (no date read, converted and dropped: a sixth of an export's time)."""

    def __init__(self, listed):
        self.listed = listed

    def ids(self):
        return self.listed.iterator(chunk_size=CHUNK)


ONE_COLUMN = 3  # a column's order: the column, then the table's date and id


def whole_in_an_indexed_order(queryset):
    """Whether `queryset` is a whole table (no filter, ids not read another way) in its own
    order or one column's (each sortable column's index ends in the table's order); a sort by
    several columns has no index and would sort whole rows."""
    query = getattr(queryset, "query", None)
    return query is not None and not query.where and len(query.order_by) <= ONE_COLUMN


def from_row_source(queryset, row_source, streamed=None):
    """The dicts of a row source (`contacts.rows`) for `queryset`'s rows, in its order.

    A whole table in an indexed order (`whole_in_an_indexed_order`) is read by
    `streamed(queryset)` when the row source offers it: one query along the index, its rows
    as they come. Other rows are read a chunk of ids at a time, so that a sort never
    carries whole rows.
    """
    if streamed is not None and whole_in_an_indexed_order(queryset):
        with one_snapshot():
            yield from streamed(queryset)
        return
    for chunk in id_chunks(queryset):
        yield from row_source(chunk)
