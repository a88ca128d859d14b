"""Full-text search served by an index: SQLite FTS5 tables, PostgreSQL GIN indexes.

Statements' text, contacts' summaries with their excerpts (one document),
citations' excerpts and sources' title and text are indexed by word form (`words`), in the
language of the text: a statement's own `language` (intake copies its source's), a
citation's source's, a contact's first citation's source's (a contact without citations, or
a source without a language, counts as English), a source's own. The search migration
(0003_squashed_search) builds the indexes: on SQLite an FTS5 table per searchable table
holding the stems (computed in Python by `words.index_terms`, which
each connection registers and the triggers call), on PostgreSQL a stored tsvector column
with a GIN index, computed with the text search configurations `tracker_en_ru`,
`tracker_german`, … (0018-0020 change how phrases and other languages' forms are
searched). The search box's syntax is read in `syntax`, the names it holds are looked up in
`names` and their other spellings added in `expansion`, each database's query is built in
`expressions`, snippets are drawn in `snippets`, and the lists use `filtering` and
`columns`.

Public API: `matching`, `matching_for_counts`, `count_matches`, `known_count`, `ranked`,
`expansions`, `snippet`, `search_query`.
"""

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL

from .expressions import (
    INDEXES,
    AmongMatches,
    Matches,
    Probe,
    Relevance,
    WalkedMatches,
    fts5,
    with_copied,
)
from .ranking import StoredRank, store_ranks
from .snippets import highlight, snippet
from .syntax import Query, parse

COMMON_SHARE = 0.05  # a word in 5% of rows fills a page quickly in date order
# SQLite: reading an index entry in the page's order costs about an eighth of looking a
# matching row up to sort it (1M contacts: 0.22 against 1.8 microseconds)
WALK_GAIN = 8
# PostgreSQL: testing a row met walking the date index costs about half of reading and
# sorting a match (2M statements, a name's phrases: 2.4 against 4.4 microseconds)
POSTGRESQL_WALK_GAIN = 2
# PostgreSQL: a table's rows as the planner last counted them (-1: never)
TABLE_SIZE = "(SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass)"
RARE_LIMIT = 2000  # PostgreSQL: fewer matching rows than this are fetched by id

__all__ = [
    "INDEXES",
    "Query",
    "TABLE_SIZE",
    "count_matches",
    "known_count",
    "expansions",
    "highlight",
    "matching",
    "matching_for_counts",
    "ranked",
    "search_query",
    "snippet",
]


def search_query(text, expand=True):
    """`text` parsed (a Query passes through): parse once, pass it to every call below."""
    return text if isinstance(text, Query) else parse(text, expand=expand)


def expansions(text):
    """The other spellings of the names in `text` that a search also looks for."""
    return search_query(text).expanded


def index_of(model):
    return INDEXES[model._meta.db_table]


def matching(queryset, text, outer=True, expand=True):
    """Rows of `queryset` whose indexed text matches the search `text` (or a Query).

    `outer=False` when the result is used as a subquery (`pk__in=...`).
    """
    query = search_query(text, expand)
    index = index_of(queryset.model)
    if not query:
        return queryset.none()
    if query.only_excluded:
        return excluding(queryset, query, index)
    if connection.vendor == "postgresql":
        return (
            matching_postgresql(queryset, query, index)
            if outer
            else queryset.filter(Matches(index, query))
        )
    expression = fts5(query, index.fts)
    if not expression:
        return queryset.none()
    fts = index.fts
    if outer and is_common(index, expression, query=query):
        # Most rows match: walk the table in the page's order and probe the index per row,
        # stopping at the page's last row, instead of collecting every matching id first.
        return queryset.alias(_matches=Probe(fts, expression)).filter(_matches=True)
    if outer and walk_pays(index, query):
        # Many rows match, too few to probe: collect their ids once, then walk the page's
        # index in its order, keeping the rows among them, instead of sorting every match.
        return queryset.alias(_matches=AmongMatches(fts, expression)).filter(_matches=True)
    return queryset.filter(
        pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [expression])
    )


def excluding(queryset, query, index):
    """The rows that hold none of the words of a search made only of exclusions ("-Trump"):
    each row tested as the page's order reaches it (SQLite: its FTS5 row probed)."""
    found = query.included()
    if connection.vendor == "postgresql":
        return queryset.exclude(Matches(index, found))
    expression = fts5(found, index.fts)
    return queryset.exclude(Probe(index.fts, expression)) if expression else queryset


def matching_postgresql(queryset, query, index):
    """PostgreSQL, the page's rows: a rare word's rows are fetched by id (walking the page's
    order with the word as a filter would read the whole table to find a handful); when
    many match and walking pays, the page's index is walked, each row tested
    (`WalkedMatches`); else the planner chooses. Notes on `query` what the read of the
    first matches told: their number (`counted`), the facets' sample (`first_ids`) and the
    table's size (`table_rows`)."""
    if query.first_matches is not None:  # a list that charts its matches reads them anyway
        seen, found, rows = query.first_matches()
        if found <= settings.TABLE_COUNT_CAP and found < RARE_LIMIT:  # every match, in `seen`
            return queryset.filter(pk__in=seen)  # as a list: the page reads no ids of its own
        if walks(found, rows, query.rows_wanted, postgresql=True):
            return queryset.alias(_matches=WalkedMatches(index, query)).filter(_matches=True)
        return queryset.filter(Matches(index, query))
    found = queryset.model.objects.filter(Matches(index, query)).order_by().values("pk")
    cap = query.count_cap
    # One read of the first matches: counted up to the list's cap, if it has one (else up
    # to the rare words' limit); their first ids, every id of a rare word, and the facets'
    # sample (`first_ids`); and the table's size as the planner knows it.
    read = RARE_LIMIT if cap is None else max(cap + 1, RARE_LIMIT)
    first = max(RARE_LIMIT, settings.FACET_SAMPLE + 1)
    sql, params = found[:read].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (ARRAY_AGG(pk))[1:{first}], COUNT(*), {TABLE_SIZE} FROM ({sql}) AS matches",
            [index.table, *params],
        )
        ids, count, rows = cursor.fetchone()
    ids = ids or []
    if cap is not None:
        query.first_ids = ids
    if count < RARE_LIMIT:
        query.counted[index.table] = (count, None)  # all: `count_matches` reads it
        return queryset.filter(pk__in=ids)
    if cap is not None:
        query.counted[index.table] = (count, cap)
    query.table_rows[index.table] = max(rows or 0, 0)
    if walk_pays(index, query):
        return queryset.alias(_matches=WalkedMatches(index, query)).filter(_matches=True)
    return queryset.filter(Matches(index, query))


def matching_for_counts(queryset, text, expand=True, filtered=None):
    """Rows of `queryset` that match `text`, in the form cheapest to read in full or up to
    a cap (the row count, the facets): on SQLite the index is walked in its own order and
    each match looked up by id, so counting stops at the cap, where `id IN (matches)` would
    first collect every match (two million for a common word). Only as a query's outermost
    table (the join names it); PostgreSQL's GIN bitmap does the same for `matching`.

    `filtered`: {column: value} of `queryset`'s filters on columns its index holds
    (`Index.copied`: a statement's medium); on SQLite they are asked of the index too, so
    that only the rows matching both are looked up (the queryset still filters them).
    """
    query = search_query(text, expand)
    if connection.vendor == "postgresql" or not query or query.only_excluded:
        return matching(queryset, query, outer=False)
    index = index_of(queryset.model)
    expression = fts5(query, index.fts)
    if not expression:
        return queryset.none()
    expression = with_copied(expression, filtered or {})
    fts, table = index.fts, index.table
    return queryset.extra(
        tables=[fts], where=[f"{fts} MATCH %s AND {fts}.rowid = {table}.id"], params=[expression]
    )


def walk_pays(index, query):
    """Whether the page's rows are found sooner by walking the page's order than by
    sorting every match. SQLite: `is_common` has counted the matches (when it counted them
    only up to a cap, they are common and probed instead). PostgreSQL: they were counted
    up to the list's cap, or to the rare words' limit; a list with no cap (other filters
    beside the search) has no count, and the planner chooses."""
    found, counted_to = query.counted.get(index.table, (None, None))
    postgresql = connection.vendor == "postgresql"
    if found is None or (counted_to is not None and not postgresql):
        return False
    return walks(found, query.table_rows.get(index.table), query.rows_wanted, postgresql)


def walks(found, rows, wanted, postgresql):
    """Walking reads about `wanted` x `rows` ÷ `found` index entries, sorting looks each of
    the `found` matches up; None for `wanted` is every row (an export): never walked. The
    matches are counted over the whole table, the walk also meets rows the list's other
    filters refuse: with other filters, walking is judged a little too cheap."""
    if postgresql:
        found = max(found, RARE_LIMIT)
    if not rows or not wanted:
        return False
    return found * found * (POSTGRESQL_WALK_GAIN if postgresql else WALK_GAIN) > wanted * rows


def is_common(index, expression, share=COMMON_SHARE, query=None):
    """SQLite: whether the FTS5 `expression` matches at least `share` of the table's rows.

    Reads at most that many entries of the index: cheap for rare and common words alike.
    Fewer is every match: their number is kept on the search `query` (`count_matches`), as
    is the table's size (`table_rows`, for `walk_pays`); as many is a lower bound, kept
    as counted up to one fewer (`known_count` then knows a count past a cap below it).
    """
    fts, table = index.fts, index.table
    threshold = f"(SELECT COALESCE(CAST(MAX(id) * %s AS INTEGER), 0) FROM {table})"
    cap = getattr(query, "count_cap", None)
    counted = f"(SELECT COUNT(*) FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), {threshold}, {counted if cap else 'NULL'}, "
            f"(SELECT MAX(id) FROM {table}) FROM "
            f"(SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT {threshold})",
            [share, *([expression, cap + 1] if cap else []), expression, share],
        )
        found, needed, matches, rows = cursor.fetchone()
    if query is not None:
        query.table_rows[index.table] = rows or 0
    if query is not None and found < needed:
        query.counted[index.table] = (found, None)  # every match
    elif query is not None and matches is not None:
        query.counted[index.table] = (matches, cap)
    elif query is not None and needed:  # at least `found`, as a count up to `found` - 1
        query.counted[index.table] = (found, found - 1)  # would give (LIMIT counted_to + 1)
    return bool(needed) and found >= needed


def count_matches(model, text, cap, expand=True, filtered=None):
    """How many rows of `model` match `text`, up to `cap` + 1, from the index alone (or
    as finding them told: `Query.counted`); with `filtered` ({column: value} of columns
    the index holds, `Index.copied`), only the rows with those values."""
    query = search_query(text, expand)
    index = index_of(model)
    filtered = filtered or {}
    if not query:
        return 0
    if query.only_excluded:  # the rows that hold none of the words: not in the index
        found = matching(model.objects.filter(**filtered), query, outer=False)
        return found.order_by().values("pk")[: cap + 1].count()
    if not filtered and (known := known_count(model, query, cap)) is not None:
        return known
    if connection.vendor == "postgresql":
        found = model.objects.filter(Matches(index, query), **filtered)
        return found.order_by().values("pk")[: cap + 1].count()
    words = fts5(query, index.fts)
    if not words:
        return 0
    expression = with_copied(words, filtered)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {index.fts} "
            f"WHERE {index.fts} MATCH %s LIMIT %s)",
            [expression, cap + 1],
        )
        return cursor.fetchone()[0]


def known_count(model, query, cap):
    """`count_matches` as finding the matches told it, up to `cap` + 1 (`Query.counted`:
    every match, or at least as many as the cap), without a query; else None."""
    counted, counted_to = query.counted.get(index_of(model).table, (None, None))
    if counted is not None and (counted_to is None or counted_to >= cap):
        return min(counted, cap + 1)
    return None


def ranked(queryset, text, expand=True):
    """`queryset` with `relevance` (higher: better) for the search `text`: PostgreSQL's
    ts_rank, SQLite's bm25 (`ranking`); a contact's document is its summary and excerpts."""
    query = search_query(text, expand)
    index = index_of(queryset.model)
    if query.only_excluded:  # nothing searched for: nothing to rank by
        return queryset.annotate(relevance=RawSQL("0.0", []))
    if connection.vendor == "postgresql" and query:
        return queryset.annotate(relevance=Relevance(index, query))
    if connection.vendor != "postgresql" and query and store_ranks(index, query):
        return queryset.annotate(relevance=StoredRank(index, query))
    return queryset.annotate(relevance=RawSQL("0.0", []))
