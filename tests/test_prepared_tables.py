"""The contacts' and statements' pages draw their bodies from prepared rows (issue 15): the
same cells, text and links as django-tables2's per-cell rendering drew on the seed data
(recorded in tests/data/table_cells.json by tests/table_cells.py), in fewer queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CitationFactory, PersonFactory, make_contact
from tests.table_cells import GOLDEN, PAGES, key, page_cells

RECORDED = json.loads(GOLDEN.read_text())


@pytest.mark.parametrize("path, query", PAGES, ids=[key(*page) for page in PAGES])
def test_each_seed_page_shows_the_cells_the_per_cell_rendering_drew(
    seeded, analyst_client, path, query
):
    shown = page_cells(analyst_client, [(path, query)])[key(path, query)]
    assert shown == RECORDED[key(path, query)]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_contacts_page_costs_the_same_queries_for_fifty_rows_as_for_one(analyst_client):
    make_contact(PersonFactory(), PersonFactory())
    analyst_client.get(reverse("contact-list"))  # the session and permissions, read once
    one = queries_for(analyst_client, reverse("contact-list"))
    for _ in range(49):
        contact = make_contact(PersonFactory(), PersonFactory())
        CitationFactory(contact=contact)
    assert queries_for(analyst_client, reverse("contact-list")) == one


def test_an_empty_page_says_no_contact_matches(analyst_client):
    response = analyst_client.get(reverse("contact-list"), {"q": "nothingatall"})
    assert "No contact matches these filters." in response.text


def test_a_participants_name_is_escaped_in_the_prepared_body(analyst_client):
    make_contact(PersonFactory(name="<b>Bold</b> Ali"), PersonFactory())
    response = analyst_client.get(reverse("contact-list"))
    assert "&lt;b&gt;Bold&lt;/b&gt; Ali" in response.text and "<b>Bold</b>" not in response.text
