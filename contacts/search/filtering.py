"""The search box of the analyst lists: `q`, searched by word form with names expanded.

`expand=0` in the address searches only what was typed. The parsed search is kept on the
filter set and on the request (`search_query`), so that the page's note shows the other
spellings searched and the table draws each row's snippet without parsing it again;
`sort=relevance` ranks the rows (see `tables.RelevanceColumn`).

The search is applied after the other filters, twice: once for the page (`qs`: a common
word probed row by row in the page's order on SQLite; many matches found walking the page's
index, rare ones by id; see `search.matching`) and once for counting the rows and their
facets (`rows_to_count`: on SQLite the index walked in its own order, each match looked up
by id, stopping at the count's cap; see `search.matching_for_counts`). The page's query
knows how many rows it reads (`rows_wanted`). Sorted by relevance, every match is ranked,
as a set.
"""

import re
from functools import partial

import django_filters as filters
from django import forms
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.functional import SimpleLazyObject

from ..lists.filter_fields import AppliedText, CountedFilterSet
from . import (
    INDEXES,
    TABLE_SIZE,
    count_matches,
    known_count,
    matching,
    matching_for_counts,
    ranked,
    search_query,
)
from .links import SearchLinks

NOT_FILTERS = ("expand",)  # fields that select no rows
LONGEST_SEARCH = 200  # characters searched; the rest of a longer text is left out, and said
WORD_AT_END = re.compile(r"\S+$")


class SearchText(forms.CharField):
    """Search text, cut after LONGEST_SEARCH characters at the last space before them (a
    pasted paragraph is searched by its beginning, not refused: a refused search would list
    every row). The box takes ten times as much, so that a browser does not cut a pasted
    text mid-word without a word said."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.widget.attrs["maxlength"] = str(10 * LONGEST_SEARCH)

    def to_python(self, value):
        value = super().to_python(value)
        if len(value) <= LONGEST_SEARCH:
            return value
        cut = value[:LONGEST_SEARCH]
        if not value[LONGEST_SEARCH].isspace():  # a word runs past the cut: leave it out
            cut = WORD_AT_END.sub("", cut) or cut
        return cut.rstrip()


class SearchFilter(filters.CharFilter):
    field_class = SearchText


def search_box(label):
    """The `q` filter of a list searched through its full-text index."""
    return SearchFilter(label=label, method="search")


PAGE, RANKED, COUNTED = "page", "ranked", "counted"  # the forms of `matched`


class FirstMatches:
    """The first matches' (start, end, id), read once however often they are asked for: a
    contacts list charts them, counts them and samples its facets among them, where each
    would otherwise run the search again (PostgreSQL: 30 ms each for a common word).

    Past the count's cap, the chart and the facets describe the same matches, the first
    FACET_SAMPLE + 1, and only those are kept. On SQLite, when the search is the whole
    filter and finding the matches counted past the cap (`index_count`; see
    `search.is_common`), only those are read: a common word at a million contacts read and
    grouped 10,001 rows in Python, about 20 ms. SQLite gives the dates as ISO text: the
    chart makes dates of the distinct ones."""

    def __init__(self, matches, index_count=None):
        self.rows = matches.prefetch_related(None).order_by()
        self.index_count = index_count
        self.found = None  # how many match, up to the cap + 1
        self.first = []  # [(start, end, id)]: every match, or past the cap the sample
        self.table_rows = 0  # PostgreSQL: the table's size as the planner knows it

    def read(self):
        if self.found is not None:
            return
        cap, sample = settings.TABLE_COUNT_CAP, settings.FACET_SAMPLE + 1
        if connection.vendor == "postgresql":
            self.found, self.first, self.table_rows = first_on_postgresql(self.rows, cap, sample)
            return
        text = {"start_text": Cast("date_start", CharField())}
        text["end_text"] = Cast("date_end", CharField())
        rows = self.rows.annotate(**text).values_list(*text, "pk")
        counted = self.index_count(cap) if self.index_count is not None else None
        if counted is not None and counted > cap:
            self.found, self.first = counted, list(rows[:sample])
            return
        first = list(rows[: cap + 1])
        self.found, self.first = len(first), first if len(first) <= cap else first[:sample]

    def count(self, cap):
        """How many match, up to `cap` + 1 (a cap at most the list's: TABLE_COUNT_CAP)."""
        self.read()
        return min(self.found, cap + 1)

    def ids_read(self):
        """(the ids kept: every match's up to the cap, how many match, the table's size)."""
        self.read()
        return [pk for *_, pk in self.first], self.found, self.table_rows

    def ids(self, cap):
        """The first `cap` + 1 matches' ids (the facets' sample; past the count's cap at
        most FACET_SAMPLE + 1 are kept)."""
        self.read()
        return [pk for *_, pk in self.first[: cap + 1]]

    def charted(self, cap):
        """([(start, end)] of the matches the chart draws, whether more match): every one,
        or past the cap as many as the facets' note says they counted among."""
        self.read()
        more = self.found > cap
        drawn = self.first[: min(cap, settings.FACET_SAMPLE) if more else cap]
        return [(start, end) for start, end, _ in drawn], more


def first_on_postgresql(rows, cap, sample):
    """(matches up to `cap` + 1, [(start, end, id)] of every one or past the cap the first
    `sample`, the table's size): one query, the dates sent for the rows kept only."""
    dates = rows.values_list("date_start", "date_end", "pk")
    try:
        sql, params = dates[: cap + 1].query.sql_with_params()
    except EmptyResultSet:
        return 0, [], 0
    kept = f"1:CASE WHEN COUNT(*) > {int(cap)} THEN {int(sample)} ELSE {int(cap) + 1} END"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), (ARRAY_AGG(s))[{kept}], (ARRAY_AGG(e))[{kept}], "
            f"(ARRAY_AGG(k))[{kept}], {TABLE_SIZE} FROM ({sql}) AS m(s, e, k)",
            [rows.model._meta.db_table, *params],  # TABLE_SIZE's comes first
        )
        found, starts, ends, ids, size = cursor.fetchone()
    return found, list(zip(starts or [], ends or [], ids or [], strict=True)), max(size or 0, 0)


class FullTextFilter(SearchLinks, CountedFilterSet):
    search_query = None  # the parsed search, once `q` has been applied
    one_index = True  # the rows match through their own index alone, which can count them
    charted = False  # the list charts its rows by date: the first matches are read once
    person_param = None  # the list's filter by a person (any name), offered by `people_links`
    person_link_text = ""  # "Statements by {}"
    person_counted = None  # which of a person's stored counts is this list's (`SearchLinks`)
    expand = AppliedText(widget=forms.HiddenInput)  # read by `parse`

    def parse(self, value):
        query = search_query(value, expand=self.data.get("expand") != "0")
        query.rows_wanted = self.rows_wanted()
        typed = self.data.get("q")
        if isinstance(typed, str) and len(typed.strip()) > len(value):
            query.cut_to = len(value)  # the page says what was left out
        self.search_query = query
        if self.request is not None:
            self.request.search_query = query
        return query

    def rows_wanted(self):
        """The rows up to the asked page's last (an export: every row)."""
        if self.data.get("_export"):
            return None
        numbers = []
        for key, default in (("page", 1), ("per_page", settings.TABLE_PAGE_SIZE)):
            try:
                numbers.append(max(1, int(self.data.get(key) or default)))
            except ValueError:
                numbers.append(default)
        page, per_page = numbers
        return page * min(per_page, settings.TABLE_MAX_PAGE_SIZE)

    def search(self, queryset, name, value):
        self.parse(value)
        held = self.held_by_index(queryset.model)
        if self.one_index and self.only_active(name, *held):
            # The search is the whole filter, or with filters on columns the index holds
            # (a statement's medium): the index alone counts the rows.
            count = partial(count_matches, queryset.model, self.search_query, filtered=held)
            self.count_rows = count
            # Unless a chart reads the first matches, finding them counts them too (the
            # words alone: not with other filters).
            alone = not (self.charted or held)
            self.search_query.count_cap = settings.TABLE_COUNT_CAP if alone else None
        return queryset  # the search itself is applied last, by filter_queryset

    def held_by_index(self, model):
        """SQLite: {column: value} of the filters given on columns the model's index also
        holds (`search.INDEXES`, `Index.copied`), as the form cleaned them. PostgreSQL's
        index holds none: counting a search and a medium together, the planner reads the
        medium's own index, and the count keeps the facets' sample (`count_and_sample`)."""
        if connection.vendor != "sqlite":
            return {}
        data = getattr(self.form, "cleaned_data", {})
        index = INDEXES.get(model._meta.db_table)
        copied = index.copied if index else ()
        return {column: data[column] for column in copied if data.get(column)}

    def filter_queryset(self, queryset):
        rows = super().filter_queryset(queryset)
        query = self.search_query
        if query is None:
            return rows
        self.counted_form = self.searched_form = self.matched(rows, query, COUNTED)
        if self.charted:
            index_count = None  # SQLite, the search the whole filter: the index counted them
            if self.count_rows is not None and connection.vendor == "sqlite":
                index_count = partial(known_count, rows.model, query)
            first = self.dates_to_chart = FirstMatches(self.searched_form, index_count)
            self.count_rows = first.count
            if connection.vendor == "postgresql" and query.rows_wanted is not None:
                query.first_matches = first.ids_read
            self.ids_to_sample = SimpleLazyObject(lambda: first.ids(settings.FACET_SAMPLE))
        if self.sorted_by_relevance():  # every matching row is ranked: take them as a set
            return ranked(self.matched(rows, query, RANKED), query)
        page = self.matched(rows, query, PAGE)
        if query.first_ids is not None:  # the first matches, read when counting them
            sample = query.first_ids[: settings.FACET_SAMPLE + 1]
            self.ids_to_sample = sample
        return page

    def matched(self, rows, query, form):
        """`rows` that match the search, in the `form` cheapest for its use: the page's
        rows in its order, every match to be ranked, or the matches to be counted."""
        if form == COUNTED:
            held = self.held_by_index(rows.model)
            return matching_for_counts(rows, query, filtered=held)
        return matching(rows, query, outer=form == PAGE)

    def sorted_by_relevance(self):
        getlist = getattr(self.data, "getlist", lambda key: [self.data.get(key) or ""])
        return any("relevance" in sort for sort in getlist("sort"))

    def only_active(self, *names):
        """Whether no filter but `names` is given a value."""
        data = self.form.cleaned_data
        return all(
            value in (None, "", [], ())
            for field, value in data.items()
            if field not in names and field not in NOT_FILTERS
        )
