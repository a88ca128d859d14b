"""A contacts search reads its first matches once: the chart draws them, their number is
the row count, and the facets are counted among them (each would otherwise search again)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact
from tests.factories import PersonFactory, make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def embassy_calls():
    """Five contacts whose summary names the embassy (two of them meetings), one that does not."""
    people = PersonFactory(), PersonFactory()
    for day, kind in [(2, "phone_call"), (3, "meeting"), (5, "phone_call"), (8, "meeting")]:
        make_contact(
            *people,
            kind=kind,
            date_start=datetime.date(2020, 1, day),
            summary="They spoke about the embassy in Baghdad.",
        )
    make_contact(*people, date_start=datetime.date(2020, 1, 9), summary="The embassy was shut.")
    make_contact(*people, date_start=datetime.date(2020, 1, 9), summary="Nothing about it.")


def searched(client, **query):
    """The response (its body read) and the queries that ran the search."""
    match = "@@" if connection.vendor == "postgresql" else " MATCH "
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contact-list"), query)
        if response.streaming:
            response.body = b"".join(response.streaming_content)
    return response, [q["sql"] for q in queries.captured_queries if match in q["sql"]]


def first_matches_read(searches, cap=10000):
    return [sql for sql in searches if f"LIMIT {cap + 1}" in sql]


def test_a_contacts_search_reads_its_first_matches_once_for_count_chart_and_facets(
    analyst_client, embassy_calls
):
    response, searches = searched(analyst_client, q="embassy")
    context = response.context
    (read,) = first_matches_read(searches)
    assert '"date_end"' in read and not read.startswith("SELECT COUNT(*) FROM")
    assert not [sql for sql in searches if sql.startswith("WITH facet_rows")]
    assert context["table"].paginator.count == 5
    assert context["contact_chart"].contacts == 5
    kinds = {f.facet.param: f.items for f in context["facets"]}["kind"]
    assert {(item.label, item.count) for item in kinds} == {("Phone call", "3"), ("Meeting", "2")}


def test_past_the_cap_the_count_and_chart_say_so(analyst_client, embassy_calls, settings):
    settings.TABLE_COUNT_CAP = 3
    response, _ = searched(analyst_client, q="embassy")
    paginator = response.context["table"].paginator
    assert paginator.capped and paginator.count_display == "3+"
    assert response.context["contact_chart"].partial


def test_an_export_of_a_search_reads_no_first_matches_it_does_not_use(
    analyst_client, embassy_calls
):
    response, searches = searched(analyst_client, q="embassy", _export="csv")
    assert len(response.body.decode().splitlines()) == 6  # the header and five contacts
    assert first_matches_read(searches) == []


def test_past_the_cap_the_chart_draws_the_first_matches_as_many_as_the_facets_note_names(
    analyst_client, embassy_calls, settings
):
    settings.TABLE_COUNT_CAP, settings.FACET_SAMPLE = 3, 2  # five match
    response, _ = searched(analyst_client, q="embassy")
    context = response.context
    assert context["table"].paginator.count_display == "3+"
    chart = context["contact_chart"]
    assert chart.contacts == 2 and chart.partial
    drawn = {bar.start.day: bar.total for bar in chart.bars if bar.total}
    sampled = list(context["filter"].ids_to_sample)[:2]  # the facets' first, as read
    dates = Contact.objects.filter(pk__in=sampled).values_list("date_start", flat=True)
    assert drawn == {day.day: 1 for day in dates}  # the same two matches
    assert "2 of the matching contacts only, as the search index gives them" in response.text
    assert "Counted among 2 of the matching rows, not all of them" in response.text


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index counts alone")
@pytest.mark.parametrize("every", [25, 1], ids=["few match", "most match"])
def test_when_the_index_counted_past_the_cap_only_the_sample_of_matches_is_read(
    analyst_client, settings, every
):
    """A hundred contacts (the test for a common word reads up to 5% of them, five): the
    search's matches, past a cap of 3, are counted by the index alone, and only the facets'
    sample of them (one, and one more) is read with its dates."""
    from tests.factories import ContactFactory

    for day in range(100):
        summary = "At the embassy." if day % every == 0 else "A call."
        ContactFactory(summary=summary, date_start=datetime.date(2020, 1, 1))
    settings.TABLE_COUNT_CAP, settings.FACET_SAMPLE = 3, 1
    response, searches = searched(analyst_client, q="embassy")
    dates = [sql for sql in searches if 'AS "start_text"' in sql]
    assert len(dates) == 1 and dates[0].endswith("LIMIT 2")
    assert response.context["table"].paginator.count_display == "3+"
    assert response.context["contact_chart"].contacts == 1  # as many as the facets say


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's test for a common word")
def test_a_common_words_lower_bound_is_not_taken_for_a_count_at_the_cap(db):
    """Of a hundred contacts that all match, the test for a common word reads five (5%):
    "at least five" does not tell whether a cap of five is passed; counting does."""
    from contacts.search import INDEXES, count_matches, is_common, known_count, search_query
    from contacts.search.expressions import fts5
    from tests.factories import ContactFactory

    for _ in range(100):
        ContactFactory(summary="At the embassy.", date_start=datetime.date(2020, 1, 1))
    query, index = search_query("embassy"), INDEXES["contacts_contact"]
    assert is_common(index, fts5(query, index.fts), query=query)
    assert known_count(Contact, query, 5) is None
    assert known_count(Contact, query, 4) == 5  # past a cap of four: known
    assert count_matches(Contact, query, 5) == 6
