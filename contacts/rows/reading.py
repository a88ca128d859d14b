"""What the row sources share: rows put back in the ids' order, citations aggregated,
organisations named, dates written as ISO 8601."""

from django.core.exceptions import FieldError
from django.db import connection
from django.db.models import Case, CharField, F, Func, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from ..aggregates import fields, joined
from ..models import Citation

DATED = ["pk", "key", "date_start", "date_end", "date_precision"]  # a dated record's own


class IsoDate(Func):
    """A date as text, YYYY-MM-DD: as stored on SQLite, by TO_CHAR on PostgreSQL."""

    output_field = CharField()
    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra):
        template = "TO_CHAR(%(expressions)s, 'YYYY-MM-DD')"
        return self.as_sql(compiler, connection, template=template, **extra)


def iso_dates():
    """A record's date, or its range, as ISO 8601 writes it (2020-01-03/2020-01-05), in SQL,
    so that an export writes it as read."""
    start, end = IsoDate("date_start"), IsoDate("date_end")
    return Case(
        When(date_end=F("date_start"), then=start),
        default=Concat(start, Value("/"), end),
        output_field=CharField(),
    )


def listed(ids):
    """`ids` (integers) as one query parameter, for `filter(pk__in=listed(ids))`: Django
    prepares an IN list value by value, which cost an export 10 µs a row."""
    text = ",".join(str(int(pk)) for pk in ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT UNNEST(%s::bigint[])", ("{" + text + "}",))
    return RawSQL("SELECT value FROM json_each(%s)", ("[" + text + "]",))


class PageOfRows:
    """A table page as the query that selects it (filtered, sorted, sliced): a row source
    reads the page's rows in one query, `id IN (that query)`, sorted as the page is, where
    reading the ids first would take a query of its own."""

    def __init__(self, page):
        self.page = page
        self.read = None  # the page's ids, when they are read first
        self.sorted_by = False  # not yet known (`order`)

    def order(self):
        """The page's order, when the rows can be sorted by it in their own query: it is one
        row by row (it ends with the id: rows that tie would come in the order each query
        happens to give them) and names only the model's fields (not a search's relevance,
        nor a count the page annotates); else None."""
        if self.sorted_by is False:
            self.sorted_by = self.usable_order()
        return self.sorted_by

    def usable_order(self):
        query, model = self.page.query, self.page.model
        order = list(query.order_by or (model._meta.ordering if query.default_ordering else []))
        if not order or order[-1] not in ("pk", "-pk", "id", "-id"):
            return None
        try:
            str(model.objects.order_by(*order).values("pk").query)
        except FieldError:
            return None
        return order

    def ids(self):
        """The page's ids, read once (when the rows cannot be sorted as the page is)."""
        if self.read is None:
            self.read = list(self.page.values_list("pk", flat=True))
        return self.read


def of_ids(rows, ids):
    """`rows` (a queryset) for the ids `ids`: a list, or a `PageOfRows` (its query as a
    subquery when the rows can be sorted as it is, else its ids read first, once)."""
    if isinstance(ids, PageOfRows):
        if ids.order() is not None:
            return rows.filter(pk__in=ids.page.values("pk"))
        ids = ids.ids()
    return rows.filter(pk__in=listed(ids))


def in_id_order(ids, rows):
    """`rows` (dicts with `pk`, a queryset's values) in the order of `ids`, each once;
    missing ids are skipped. The database is not asked to sort a list's rows; a page's
    (`PageOfRows`) are sorted as the page is, in the same query, unless its order cannot
    be (`PageOfRows.order`): then they come in the order of its ids, read first."""
    if isinstance(ids, PageOfRows):
        order = ids.order()
        if order is not None:
            return list(rows.order_by(*order))
        ids = ids.ids()
    found = {row["pk"]: row for row in rows.order_by()}
    return [found[pk] for pk in ids if pk in found]


def citations(record):
    """Each citation of the outer `record` (contact or statement): its id, source id,
    title, outlet and URL, excerpt, note, and the source's publication date (the sources'
    order: newest first)."""
    cited = fields(
        "pk",
        "source_id",
        "source__title",
        "source__outlet__name",
        "source__url",
        "excerpt",
        "note",
        "source__published_date",
    )
    return joined(Citation.objects, record, cited)


def organisation_text(prefix=""):
    """An organisation as `Organisation.__str__` writes it: "European Union (EU)"."""
    name, abbreviation = f"{prefix}organisation__name", f"{prefix}organisation__abbreviation"
    abbreviated = Concat(name, Value(" ("), abbreviation, Value(")"))
    return Case(When(**{f"{abbreviation}__gt": ""}, then=abbreviated), default=name)
