"""A table page reads its rows in one query: the row source selects `id IN (the page's
own query)` and sorts them as the page does (`contacts.rows.reading.PageOfRows`), instead
of reading the page's ids first. A page whose order can tie (it does not end with the id:
people by name, statements by speaker) or names what the model lacks (relevance, a count)
reads its ids first, once, as before, so that its rows are exactly those its query gave,
in that order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.rows.reading import PageOfRows

PAGES = [
    ("contact-list", {}),
    ("contact-list", {"sort": "kind"}),
    ("contact-list", {"sort": "-initiator"}),
    ("contact-list", {"sort": "location,-source_count"}),
    ("contact-list", {"q": "Qasem", "per_page": 3, "page": 2}),
    ("contact-list", {"participant": "mike-pompeo", "sort": "date"}),
    ("statement-list", {}),
    ("statement-list", {"q": "de-escalation"}),
    ("statement-list", {"q": "Soleimani", "per_page": 4, "page": 2}),
    ("source-list", {}),
    ("source-list", {"sort": "published"}),
]
TIED = [  # orders that do not end with the id
    ("statement-list", {"sort": "-speaker", "per_page": 5, "page": 3}),
    ("statement-list", {"sort": "outlet"}),
    ("person-list", {"sort": "-statement_count"}),
    ("source-list", {"sort": "-contact_count"}),  # a count the page annotates
    ("person-list", {"per_page": 7, "page": 2}),
    ("contact-list", {"q": "Soleimani", "sort": "relevance"}),
    ("statement-list", {"q": "Soleimani", "sort": "relevance"}),
]


def read_page(client, name, query):
    client.get(reverse(name), query)  # the session settles
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name), query)
    return response, [q["sql"] for q in captured.captured_queries]


def rows_read(client, name, query):
    """The page's table, the page's queries, its rows read again through its row source
    (their ids) and the queries that reading ran."""
    response, queries = read_page(client, name, query)
    table = response.context["table"]
    with CaptureQueriesContext(connection) as reading:
        rows = [row["pk"] for row in table.row_source(PageOfRows(table.page_query()))]
    return table, queries, rows, [q["sql"] for q in reading.captured_queries]


def ids_only(sql):
    """The query that reads only a page's ids: `SELECT <table>.id AS pk FROM … ORDER BY …
    LIMIT` (not a search's look-up of its matches, which has no order)."""
    page = "ORDER BY" in sql and "LIMIT" in sql
    return sql.startswith("SELECT ") and ' AS "pk" FROM ' in sql[:60] and page


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("name, query", PAGES)
def test_a_page_reads_its_rows_in_its_order_without_reading_its_ids_first(
    analyst_client, name, query
):
    table, queries, rows, (read,) = rows_read(analyst_client, name, query)
    ids = table.page_ids()  # the ids, read as the page's query gives them
    assert ids and rows == ids and "json_each(" not in read and "UNNEST(" not in read
    assert not [sql for sql in queries if ids_only(sql)]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("name, query", TIED)
def test_a_page_whose_order_can_tie_reads_its_ids_then_its_rows_in_that_order(
    analyst_client, name, query
):
    table, queries, rows, (ids, read) = rows_read(analyst_client, name, query)
    # the page's query runs once, then its rows are read by their ids
    assert ids_only(ids) and ("json_each(" in read or "UNNEST(" in read)  # by their ids
    assert rows == table.page_ids() and len(rows) > 1
    assert [sql for sql in queries if ids_only(sql)]
