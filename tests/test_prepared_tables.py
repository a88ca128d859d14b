"""The contacts' and statements' pages draw their bodies from prepared rows (issue 15): the
same cells, text and links as django-tables2's per-cell rendering drew on the seed data
(recorded in tests/data/table_cells.json by tests/table_cells.py), in fewer queries."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AliasFactory,
    CitationFactory,
    OfficeFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)
from tests.table_cells import GOLDEN, PAGES, key, page_cells

RECORDED = json.loads(GOLDEN.read_text())
SNIPPET = re.compile(r'<br><small class="excerpt">.*?</small>', re.S)


@pytest.mark.parametrize("path, query", PAGES, ids=[key(*page) for page in PAGES])
def test_each_seed_page_shows_the_cells_the_per_cell_rendering_drew(
    seeded, analyst_client, path, query
):
    shown = page_cells(analyst_client, [(path, query)])[key(path, query)]
    if path == "/sources/" and "q" in query:  # new: the article's text around the match
        shown = [[SNIPPET.sub("", cell) for cell in row] for row in shown]
    assert shown == RECORDED[key(path, query)]


def test_a_source_search_shows_the_articles_text_around_the_match(seeded, analyst_client):
    response = analyst_client.get(reverse("source-list"), {"q": "Qasem"})
    snippets = SNIPPET.findall(response.text)
    assert len(snippets) == 5 and all("<mark>" in snippet for snippet in snippets)
    assert "killed <mark>Qassem</mark> <mark>Soleimani</mark>" in response.text


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def a_contact():
    contact = make_contact(PersonFactory(), PersonFactory())
    CitationFactory(contact=contact, excerpt="We talked")


def a_statement():
    CitationFactory(statement=StatementFactory(speaker=PersonFactory()))


def a_person():
    person = OfficeFactory().person
    AliasFactory(person=person)


MAKERS = {
    "contact-list": a_contact,
    "statement-list": a_statement,
    "person-list": a_person,
    "source-list": SourceFactory,
}


@pytest.mark.parametrize("url_name", MAKERS)
def test_a_list_costs_the_same_queries_for_fifty_rows_as_for_one(analyst_client, url_name):
    make = MAKERS[url_name]
    make()
    analyst_client.get(reverse(url_name))  # the session and permissions, read once
    one = queries_for(analyst_client, reverse(url_name))
    for _ in range(49):
        make()
    assert queries_for(analyst_client, reverse(url_name)) == one


def test_an_empty_page_says_no_contact_matches(analyst_client):
    response = analyst_client.get(reverse("contact-list"), {"q": "nothingatall"})
    assert "No contact matches these filters." in response.text


def test_a_participants_name_is_escaped_in_the_prepared_body(analyst_client):
    make_contact(PersonFactory(name="<b>Bold</b> Ali"), PersonFactory())
    response = analyst_client.get(reverse("contact-list"))
    assert "&lt;b&gt;Bold&lt;/b&gt; Ali" in response.text and "<b>Bold</b>" not in response.text


@pytest.mark.parametrize(
    "url_name, table", [("contact-list", "contact"), ("statement-list", "statement")]
)
def test_a_list_page_never_reads_its_rows_as_model_instances(analyst_client, url_name, table):
    for _ in range(60):  # two pages: the pagination is drawn
        a_contact() if table == "contact" else a_statement()
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(reverse(url_name))
    whole_rows = [
        q["sql"] for q in queries.captured_queries if f'"contacts_{table}"."version"' in q["sql"]
    ]
    assert 'class="pagination"' in response.text and whole_rows == []
