"""Each row source builds its annotated query once per process (`reading.built_once`) and
filters a clone of it by each page's ids: its subqueries cost Python to build, every page.
The kept query is never evaluated, so no rows are kept between requests."""

from unittest import mock

import pytest
from django.urls import reverse

from contacts.rows import contacts, people, sources, statements

from .factories import CitationFactory, PersonFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

KEPT = [statements.annotated, people.annotated, sources.annotated, contacts.annotated]


@pytest.fixture(autouse=True)
def built_afresh():
    """Every kept query built anew for the test, and afterwards (other tests' data)."""
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


def test_the_kept_row_queries_hold_no_rows_after_pages_and_exports(analyst_client):
    a_statement("We urge all parties to de-escalate")
    for name in ("statement-list", "person-list", "source-list", "contact-list"):
        assert analyst_client.get(reverse(name)).status_code == 200
        export = analyst_client.get(reverse(name), {"_export": "csv"})
        b"".join(export.streaming_content)
    kept = [statements.annotated(), people.annotated(), sources.annotated(text=False)]
    assert all(query._result_cache is None for query in kept)


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
