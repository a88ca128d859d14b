"""Each row source builds its annotated query once per thread (`rows.kept.built_once`) and
filters a clone of it by each page's ids: its subqueries cost Python to build, every page.
The kept query is never evaluated, so no rows are kept between requests; the pages still
show what was edited between them."""

import threading
from unittest import mock

import pytest
from django.urls import reverse

from contacts.rows import contacts, people, sources, statements

from .factories import CitationFactory, PersonFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

KEPT = [statements.annotated, people.annotated, sources.annotated, contacts.annotated]


@pytest.fixture(autouse=True)
def built_afresh():
    """Every kept query built anew for the test (the mocks below count the builds), and
    again afterwards (a kept query built from a mock's result is not kept)."""
    for kept in KEPT:
        kept.cache_clear()
    yield
    for kept in KEPT:
        kept.cache_clear()


def a_statement(text, speaker=None):
    statement = StatementFactory(text=text, speaker=speaker or PersonFactory())
    CitationFactory(statement=statement, excerpt=text, source=SourceFactory(text=text))
    return statement


def test_the_statements_row_query_is_built_once_for_many_pages(analyst_client):
    a_statement("We talked")
    with mock.patch.object(statements, "office_held", wraps=statements.office_held) as built:
        for page in ({}, {"q": "talked"}, {"sort": "-speaker"}):
            assert analyst_client.get(reverse("statement-list"), page).status_code == 200
    assert built.call_count == 1


def test_the_people_row_query_is_built_once_for_many_pages(analyst_client):
    PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    with mock.patch.object(people, "office_place", wraps=people.office_place) as built:
        for page in ({}, {"q": "pompeo"}, {"sort": "-statement_count"}):
            assert analyst_client.get(reverse("person-list"), page).status_code == 200
    assert built.call_count == 1


def test_the_contacts_row_query_is_built_once_for_many_pages(analyst_client):
    with mock.patch.object(contacts, "contact_values", wraps=contacts.contact_values) as built:
        for page in ({}, {"sort": "kind"}, {"kind": "meeting"}, {"q": "talked"}):
            assert analyst_client.get(reverse("contact-list"), page).status_code == 200
    assert built.call_count == 2  # a search's rows also read their excerpts: another query


def test_the_kept_row_queries_hold_no_rows_after_pages_and_exports(analyst_client):
    a_statement("We urge all parties to de-escalate")
    for name in ("statement-list", "person-list", "source-list", "contact-list"):
        for query in ({}, {"q": "de-escalate"}, {"_export": "csv"}):
            response = analyst_client.get(reverse(name), query)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
    kept = [query for source in KEPT for query in getattr(source.kept, "queries", {}).values()]
    assert len(kept) >= len(KEPT)  # every row source kept at least one query
    assert all(query._result_cache is None for query in kept)


def test_each_thread_keeps_its_own_query():
    """Compiling a query sets counters on its subqueries' queries: two threads never share
    them, while one thread's calls do."""
    kept = {}

    def keep(name):
        first, second = statements.annotated(), statements.annotated()
        kept[name] = [query.query.annotations["row_office"].query for query in (first, second)]

    threads = [threading.Thread(target=keep, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert kept["a"][0] is kept["a"][1] and kept["b"][0] is kept["b"][1]
    assert kept["a"][0] is not kept["b"][0]


def test_a_statement_edited_between_two_pages_is_shown_as_edited(analyst_client):
    statement = a_statement("We talked about the strike")
    first = analyst_client.get(reverse("statement-list")).content.decode()
    statement.text = "We spoke about the strike and its aftermath"
    statement.save()
    second = analyst_client.get(reverse("statement-list")).content.decode()
    assert "We talked about the strike" in first
    assert "We spoke about the strike and its aftermath" in second
    assert "We talked about the strike" not in second


def test_a_person_added_after_the_first_page_is_listed_on_the_next(analyst_client):
    PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    first = analyst_client.get(reverse("person-list")).content.decode()
    PersonFactory(name="Dominic Raab", slug="dominic-raab")
    second = analyst_client.get(reverse("person-list")).content.decode()
    assert "Dominic Raab" not in first
    assert "Dominic Raab" in second and "Mike Pompeo" in second
