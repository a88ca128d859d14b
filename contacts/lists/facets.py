"""Facet counts beside a list, as Datasette shows them.

For a few columns of the listed rows (kind, country, speaker, outlet, …): the commonest
values among the rows the current filters select, each a link that adds that filter to
the query string, and the chosen value with a link that removes it.

Every facet of a page is counted in one query: the filtered rows' ids, up to FACET_SAMPLE
of them, are taken once (a CTE) and each facet groups them (UNION ALL). When more rows
match, the counts are of those rows (the first the database reads, in no order the page
shows, so the note says "among 2,001 of the matching rows"), and are shown as lower bounds
("1,234+"), as the row count is past its cap ("10,000+"): counting a value among every
matching row would read all of them (a common word matches most of a million statements),
and no page can afford that. The sample is smaller than the row count's cap because each
sampled row is looked up once per facet (kind, countries, initiator, …): at a million
contacts, 10,000 rows cost a page 100 ms, 2,000 rows 20 ms.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Count, F, Model, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from ..models import ContactKind, Medium, Participant
from ..tables import language_name
from .pagination import shown_count

TOP = 8  # values shown per facet
SAMPLE = "facet_rows"  # the CTE of the filtered rows' ids
PAGE_PARAMS = ("page", "_export")  # dropped from facet links: a new filter starts at page 1


@dataclass(frozen=True)
class Facet:
    param: str  # the filter a value adds: ?<param>=<value>
    title: str
    value: str  # the field holding the value, on the listed model or on `related`
    label: str = ""  # the field holding a value's name, or:
    names: Callable[[str], str] | None = None  # a value's name from the value itself
    related: type[Model] | None = None  # rows of this model that point at the listed rows
    key: str = "pk"  # through this field
    where: Q = field(default_factory=Q)  # only such rows count

    def grouped(self, model, ids):
        """The TOP commonest values among the rows whose listed ids are `ids`."""
        rows = (self.related or model)._default_manager.filter(
            self.where, **{f"{self.key}__in": ids, f"{self.value}__isnull": False}
        )
        value = Cast(self.value, CharField())
        return (
            rows.values(facet_value=value, facet_label=F(self.label) if self.label else value)
            .annotate(facet_count=Count(self.key, distinct=self.related is not None))
            .order_by("-facet_count", "facet_label")[:TOP]
        )

    def name(self, value, label):
        return self.names(value) if self.names else label


class Facets(list):
    """The counted facets of a page; `partial` when they were counted among the first
    `sample` matching rows only (their counts are then lower bounds)."""

    def __init__(self, *items, sample=0, partial=False):
        super().__init__(*items)
        self.sample, self.partial = sample, partial

    @property
    def sample_display(self):
        return f"{self.sample:,}"


@dataclass
class Item:
    label: str
    count: str
    url: str
    selected: bool = False


@dataclass
class Counted:
    facet: Facet
    items: list
    remove_url: str = ""  # when one of the values is the current filter


def grouped_counts(facets, rows, cap, ids=None):
    """[(facet index, value, label, count)], the TOP values of each facet, in one query,
    among the first `cap` + 1 of `ids` (the rows' ids read another way) or of `rows`."""
    ids = rows.order_by().values("pk") if ids is None else ids
    ids_sql, params = ids[: cap + 1].query.sql_with_params()
    ids = RawSQL(f"SELECT id FROM {SAMPLE}", ())
    params, parts = list(params), []
    for number, facet in enumerate(facets):
        sql, facet_params = facet.grouped(rows.model, ids).query.sql_with_params()
        parts.append(
            f"SELECT {number}, facet_value, facet_label, facet_count FROM ({sql}) AS facet_{number}"
        )
        params += facet_params
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {SAMPLE}(id) AS ({ids_sql}) " + " UNION ALL ".join(parts), params)
        return cursor.fetchall()


def link(query, param, value=None):
    """The current query string with `param` set to `value` (removed when None)."""
    query = query.copy()
    for name in (*PAGE_PARAMS, param):
        query.pop(name, None)
    if value is not None:
        query[param] = value
    return f"?{query.urlencode()}"


def labels_of(choices):
    """A value's label among `choices` (TextChoices); an unknown value as it is."""
    labels = dict(choices.choices)
    return lambda value: labels.get(value, value)


def count_facets(*, facets, rows, query, paginator, chosen, ids=None):
    """Each facet's values among `rows` (the filtered queryset), with links; `ids`, when
    given, are the rows' ids (each once) in a form cheaper to read in part.

    `paginator` has counted the rows (CappedPaginator); `chosen` is the filter form's
    cleaned data, so a value given but refused by the form is not shown as applied.
    """
    if not facets or not paginator.count:
        return Facets()
    sample = settings.FACET_SAMPLE
    found = defaultdict(list)  # facet index -> [(value, label, count)]
    for number, value, label, count in grouped_counts(facets, rows, sample, ids):
        found[number].append((value, label, count))
    counted = Facets(sample=sample, partial=paginator.capped or paginator.count > sample)
    for number, facet in enumerate(facets):
        if chosen.get(facet.param) not in (None, ""):
            # Every filtered row has the chosen value: its count is the row count.
            value = query.get(facet.param, "")
            labels = {val: lab for val, lab, _ in found[number]}
            label = facet.name(value, labels.get(value, str(chosen[facet.param])))
            item = Item(label, paginator.count_display, "", selected=True)
            counted.append(Counted(facet, [item], remove_url=link(query, facet.param)))
            continue
        items = [
            Item(
                facet.name(value, label),
                shown_count(min(count, sample), at_least=counted.partial),
                link(query, facet.param, value),
            )
            for value, label, count in found[number]
        ]
        if items:
            counted.append(Counted(facet, items))
    return counted


CONTACT_FACETS = [
    Facet("kind", "Kind", "kind", names=labels_of(ContactKind)),
    Facet(
        "country",
        "Country",
        "country_id",
        label="country__name",
        related=Participant,
        key="contact",
    ),
    Facet(
        "initiator",
        "Initiator",
        "person__slug",
        label="person__name",
        related=Participant,
        key="contact",
        where=Q(is_initiator=True),
    ),
]
STATEMENT_FACETS = [
    Facet("speaker", "Speaker", "speaker__slug", label="speaker__name"),
    Facet("country", "Speaker's country", "speaker_country_id", label="speaker_country__name"),
    Facet("medium", "Medium", "medium", names=labels_of(Medium)),
    Facet("outlet", "Outlet", "outlet_id", label="outlet__name"),
]
SOURCE_FACETS = [
    Facet("outlet", "Outlet", "outlet_id", label="outlet__name"),
    Facet("language", "Language", "language", names=language_name, where=~Q(language="")),
]
