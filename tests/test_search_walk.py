"""A search with many matches finds its page walking the page's order (SQLite: among the
matches' ids, `expressions.AmongMatches`; PostgreSQL: testing each row,
`expressions.WalkedMatches`) instead of sorting every match, when it pays
(`search.walk_pays`); the rows and their order are the same either way."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.lists.filters import StatementFilter
from contacts.models import Statement
from contacts.search import search_query, walk_pays
from contacts.search.expressions import INDEXES
from tests.factories import PersonFactory, StatementFactory

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page form")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's page form"
)
STATEMENTS = INDEXES["contacts_statement"]
# The matches' ids, tested against the row's own id (`+id`: the index gives the order) or
# looked up by it (`id`, no sign): the page's query names its row U0 inside the rows' query.
AMONG = r'(\+?)(?:U0|"contacts_statement")\."id" IN \(SELECT rowid FROM contacts_statement_fts'


def walked(sql):
    return [sign == "+" for sign in re.findall(AMONG, sql)] == [True]


def sorted_by_id(sql):
    return [sign == "+" for sign in re.findall(AMONG, sql)] == [False]


def counted(found, rows, wanted=50):
    query = search_query("embassy")
    query.counted[STATEMENTS.table] = (found, None)
    query.table_rows[STATEMENTS.table] = rows
    query.rows_wanted = wanted
    return query


def test_many_matches_in_a_large_table_are_walked_in_the_pages_order(db):
    assert walk_pays(STATEMENTS, counted(found=29_000, rows=1_000_000))


def test_a_few_matches_are_sorted_rather_than_walked_to(db):
    assert not walk_pays(STATEMENTS, counted(found=500, rows=1_000_000))


def test_a_deep_page_sorts_what_its_first_page_would_walk(db):
    assert walk_pays(STATEMENTS, counted(found=20_000, rows=1_000_000, wanted=50))
    assert not walk_pays(STATEMENTS, counted(found=20_000, rows=1_000_000, wanted=10_000))


def test_an_export_reads_every_match_so_it_never_walks(db):
    assert not walk_pays(STATEMENTS, counted(found=29_000, rows=1_000_000, wanted=None))


@sqlite_only
def test_matches_counted_only_up_to_a_cap_are_common_and_probed_instead(db):
    query = counted(found=29_000, rows=1_000_000)
    query.counted[STATEMENTS.table] = (10_001, 10_000)
    assert not walk_pays(STATEMENTS, query)


@pytest.mark.parametrize(
    ("data", "wanted"),
    [
        ({}, 50),
        ({"page": "3"}, 150),
        ({"page": "2", "per_page": "20"}, 40),
        ({"page": "x", "per_page": "-5"}, 1),  # as the view clamps them
        ({"per_page": "100000"}, 500),
        ({"_export": "csv"}, None),
    ],
)
def test_the_search_knows_how_many_rows_its_page_reads(db, data, wanted, settings):
    settings.TABLE_MAX_PAGE_SIZE = 500
    filters = StatementFilter({"q": "embassy", **data}, queryset=Statement.objects.all())
    filters.qs  # noqa: B018 - applies the filters
    assert filters.search_query.rows_wanted == wanted


def statements(count):
    speaker = PersonFactory(name="Ali Larijani")
    start = datetime.date(2020, 1, 1)
    for day in range(count):
        text = "the embassy" if day % 3 else "a ceasefire"
        StatementFactory(speaker=speaker, text=text, date_start=start + datetime.timedelta(day))


def counted_as_few(matches):
    """`is_common` as it answers in a large table: fewer matches than it takes to probe."""

    def is_common(index, expression, query=None, **kwargs):
        query.counted[index.table] = (matches, None)
        query.table_rows[index.table] = 1_000_000
        return False

    return is_common


def listed_ids(response):
    return [row.pk for row in response.context["table"].page.object_list.data]


def page(client, sort):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("statement-list"), {"q": "embassy", "sort": sort})
    ordered = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"]]
    return response, " ".join(sql for sql in ordered if re.search(AMONG, sql))


@sqlite_only
@pytest.mark.parametrize("sort", ["-date", "date", "medium"])
def test_an_order_an_index_gives_is_walked_and_lists_the_same_rows(
    analyst_client, db, monkeypatch, sort
):
    statements(12)
    monkeypatch.setattr("contacts.search.is_common", counted_as_few(8))
    monkeypatch.setattr("contacts.search.WALK_GAIN", 0)
    sorted_response, sorted_sql = page(analyst_client, sort)
    monkeypatch.setattr("contacts.search.WALK_GAIN", 10**9)
    walked_response, walked_sql = page(analyst_client, sort)
    assert sorted_by_id(sorted_sql) and walked(walked_sql)
    listed = listed_ids(walked_response)
    assert listed == listed_ids(sorted_response)
    assert len(listed) == 8


@sqlite_only
def test_an_order_no_index_gives_sorts_the_matches_instead_of_walking(
    analyst_client, db, monkeypatch
):
    statements(6)
    monkeypatch.setattr("contacts.search.is_common", counted_as_few(4))
    monkeypatch.setattr("contacts.search.WALK_GAIN", 10**9)
    response, sql = page(analyst_client, "speaker")
    assert sorted_by_id(sql)
    assert response.status_code == 200


@postgresql_only
def test_matches_counted_up_to_the_lists_cap_are_walked_on_postgresql(db):
    query = counted(found=29_000, rows=2_000_000)
    query.counted[STATEMENTS.table] = (10_001, 10_000)
    assert walk_pays(STATEMENTS, query)


def searched_sql(client, name, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), {"q": "embassy", **params})
    return response, [q["sql"] for q in queries.captured_queries]


def analysed():
    with connection.cursor() as cursor:  # the planner's size of each table (`reltuples`)
        cursor.execute("ANALYZE contacts_statement")
        cursor.execute("ANALYZE contacts_contact")


@postgresql_only
@pytest.mark.parametrize("sort", ["-date", "medium"])
def test_postgresql_walks_the_pages_index_testing_each_row_and_lists_the_same_rows(
    analyst_client, db, monkeypatch, sort
):
    statements(12)
    analysed()
    monkeypatch.setattr("contacts.search.RARE_LIMIT", 3)
    monkeypatch.setattr("contacts.search.POSTGRESQL_WALK_GAIN", 0)
    planned, planned_sql = searched_sql(analyst_client, "statement-list", sort=sort)
    monkeypatch.setattr("contacts.search.POSTGRESQL_WALK_GAIN", 10**9)
    walked_response, walked_sql = searched_sql(analyst_client, "statement-list", sort=sort)
    assert not any("ts_match_vq(" in sql for sql in planned_sql)
    assert sum("ts_match_vq(" in sql for sql in walked_sql) == 1
    assert listed_ids(walked_response) == listed_ids(planned)
    assert len(listed_ids(planned)) == 8


@postgresql_only
def test_postgresql_leaves_an_order_no_index_gives_to_the_planner(analyst_client, db, monkeypatch):
    statements(6)
    analysed()
    monkeypatch.setattr("contacts.search.RARE_LIMIT", 3)
    monkeypatch.setattr("contacts.search.POSTGRESQL_WALK_GAIN", 10**9)
    response, sql = searched_sql(analyst_client, "statement-list", sort="speaker")
    assert not any("ts_match_vq(" in query for query in sql)
    assert len(listed_ids(response)) == 4


@postgresql_only
def test_postgresql_samples_a_searched_lists_facets_among_the_matches_it_counted(
    analyst_client, db
):
    statements(6)
    response, sql = searched_sql(analyst_client, "statement-list")
    facets = [query for query in sql if query.startswith("WITH facet_rows")]
    assert len(facets) == 1 and "@@" not in facets[0]
    assert facets[0].startswith("WITH facet_rows(id) AS (SELECT UNNEST(")  # no table read
    assert "Ali Larijani" in response.text and len(listed_ids(response)) == 4


def contacts(count):
    from tests.factories import ContactFactory

    start = datetime.date(2020, 1, 1)
    for day in range(count):
        summary = "They met at the embassy" if day % 3 else "A ceasefire call"
        ContactFactory(summary=summary, date_start=start + datetime.timedelta(day))


@postgresql_only
def test_postgresql_a_charted_lists_few_matches_are_listed_by_the_ids_it_read(analyst_client, db):
    contacts(6)
    response, sql = searched_sql(analyst_client, "contact-list")
    searched = [query for query in sql if "search_document" in query]
    assert len(searched) == 1  # the chart's read; the page takes its ids
    assert len(listed_ids(response)) == 4


@postgresql_only
def test_postgresql_a_charted_lists_many_matches_are_walked_in_the_pages_order(
    analyst_client, db, monkeypatch, settings
):
    contacts(9)
    analysed()
    settings.TABLE_COUNT_CAP = 2
    monkeypatch.setattr("contacts.search.RARE_LIMIT", 2)
    monkeypatch.setattr("contacts.search.POSTGRESQL_WALK_GAIN", 10**9)
    response, sql = searched_sql(analyst_client, "contact-list")
    assert sum("ts_match_vq(" in query for query in sql) == 1
    assert sum("ARRAY_AGG" in query for query in sql) == 1  # the chart's: none of its own
    dates = [row.date_start for row in response.context["table"].page.object_list.data]
    assert dates == [datetime.date(2020, 1, 9), datetime.date(2020, 1, 8)]  # the newest


def test_a_charted_lists_facets_sample_the_ids_it_read_without_reading_them_again(
    analyst_client, db
):
    contacts(6)  # four match
    response, sql = searched_sql(analyst_client, "contact-list")
    facets = [query for query in sql if query.startswith("WITH facet_rows")]
    given = "UNNEST(" if connection.vendor == "postgresql" else "value FROM json_each("
    assert len(facets) == 1 and facets[0].startswith(f"WITH facet_rows(id) AS (SELECT {given}")
    kinds = response.context["facets"][0]
    assert sum(int(item.count) for item in kinds.items) == 4


def test_a_search_past_a_small_count_cap_still_lists_the_newest_matches(
    analyst_client, db, settings
):
    contacts(9)  # six match, on days 2, 3, 5, 6, 8, 9
    settings.TABLE_COUNT_CAP = 3
    response, _ = searched_sql(analyst_client, "contact-list")
    dates = [row.date_start for row in response.context["table"].page.object_list.data]
    assert dates == [datetime.date(2020, 1, day) for day in (9, 8, 6)]


def test_a_grouped_query_is_not_taken_for_one_in_an_indexs_order(db):
    from django.db.models import Count

    from contacts.search.expressions import index_gives_order

    assert index_gives_order(Statement.objects.order_by("-date_start").query)
    grouped = Statement.objects.values("medium").annotate(n=Count("pk"))
    assert not index_gives_order(grouped.query)
    assert not index_gives_order(Statement.objects.order_by("speaker__name").query)


@pytest.mark.parametrize(
    ("params", "wanted"), [({}, 50), ({"p": "3"}, 150), ({"p": "x"}, 50), ({"all": ""}, None)]
)
def test_an_admin_search_knows_how_many_rows_its_page_reads(
    editor_client, db, monkeypatch, params, wanted
):
    from contacts.admin import search as admin_search

    asked = []

    def matching(queryset, query):
        asked.append(query.rows_wanted)
        return original(queryset, query)

    original = admin_search.matching
    monkeypatch.setattr(admin_search, "matching", matching)
    StatementFactory(text="the embassy")
    url = reverse("admin:contacts_statement_changelist")
    response = editor_client.get(url, {"q": "embassy", **params})
    assert response.status_code == 200 and "the embassy" in response.text
    assert asked == [wanted]
