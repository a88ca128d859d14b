"""Facet counts beside the contacts, statements and sources lists."""

import datetime
import html
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import OrganisationKind, Source
from contacts.views import ContactListView, SourceListView, StatementListView
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
D = datetime.date
CONTACTS, STATEMENTS, SOURCES = (
    reverse(name) for name in ("contact-list", "statement-list", "source-list")
)


def facets(response):
    """{param: [(label, count, selected)]} as the page shows them."""
    return {
        counted.facet.param: [(item.label, item.count, item.selected) for item in counted.items]
        for counted in response.context["facets"]
    }


def link(response, param, label):
    counted = next(c for c in response.context["facets"] if c.facet.param == param)
    url = next(item.url for item in counted.items if item.label == label)
    assert f'href="{html.escape(url)}"' in response.text  # the page shows this very link
    return url


def query_of(url):
    return parse_qs(urlsplit(url).query)


def rows(response):
    return [row.record for row in response.context["table"].page.object_list]


@pytest.fixture
def people(db):
    us = CountryFactory(code="US", name="United States")
    gb = CountryFactory(code="GB", name="United Kingdom")
    fr = CountryFactory(code="FR", name="France")
    return {
        "pompeo": PersonFactory(name="Mike Pompeo", slug="mike-pompeo", country=us),
        "raab": PersonFactory(name="Dominic Raab", slug="dominic-raab", country=gb),
        "drian": PersonFactory(name="Jean-Yves Le Drian", slug="le-drian", country=fr),
    }


@pytest.fixture
def calls(people):
    pompeo, raab, drian = people["pompeo"], people["raab"], people["drian"]
    return [
        *(
            make_contact(pompeo, raab, initiator=pompeo, date_start=D(2020, 1, day))
            for day in (3, 4, 5)
        ),
        make_contact(raab, drian, initiator=raab, kind="meeting", date_start=D(2020, 1, 8)),
        make_contact(pompeo, drian, kind="visit", date_start=D(2020, 1, 9)),
    ]


def test_contact_facets_count_kind_country_and_initiator(analyst_client, calls):
    assert facets(analyst_client.get(CONTACTS)) == {
        "kind": [("Phone call", "3", False), ("Meeting", "1", False), ("Visit", "1", False)],
        "country": [
            ("United Kingdom", "4", False),
            ("United States", "4", False),
            ("France", "2", False),
        ],
        "initiator": [("Mike Pompeo", "3", False), ("Dominic Raab", "1", False)],
    }


def test_facets_count_only_the_rows_the_current_filters_select(analyst_client, calls):
    response = analyst_client.get(CONTACTS, {"date_from": "2020-01-05"})
    assert facets(response)["kind"] == [
        ("Meeting", "1", False),
        ("Phone call", "1", False),
        ("Visit", "1", False),
    ]
    assert facets(response)["country"][0] == ("France", "2", False)


def test_a_facet_link_adds_its_filter_and_keeps_the_others(analyst_client, calls):
    response = analyst_client.get(
        CONTACTS, {"participant": "raab", "sort": "date", "per_page": "2", "page": "2"}
    )
    url = link(response, "kind", "Phone call")
    assert query_of(url) == {
        "participant": ["raab"],
        "sort": ["date"],
        "per_page": ["2"],
        "kind": ["phone_call"],  # and no page: a new filter starts at the first page
    }
    followed = analyst_client.get(CONTACTS + url)
    assert rows(followed) == calls[:2]
    assert facets(followed)["kind"] == [("Phone call", "3", True)]


def test_the_chosen_value_is_shown_selected_with_a_link_that_removes_only_it(
    analyst_client, calls, people
):
    response = analyst_client.get(CONTACTS, {"initiator": "mike-pompeo", "kind": "phone_call"})
    assert rows(response) == calls[2::-1]
    shown = facets(response)
    assert shown["initiator"] == [("Mike Pompeo", "3", True)]
    assert shown["kind"] == [("Phone call", "3", True)]
    counted = next(c for c in response.context["facets"] if c.facet.param == "initiator")
    assert query_of(counted.remove_url) == {"kind": ["phone_call"]}
    assert f'href="{html.escape(counted.remove_url)}"' in response.text
    assert "Remove the filter Initiator: Mike Pompeo" in response.text


def facet_query(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CONTACTS, query)
    (sql,) = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("WITH facet_")]
    return response, sql


def test_a_chosen_kind_and_country_are_named_without_counting_them(analyst_client, calls, people):
    query = {"kind": "phone_call", "country": people["raab"].country_id}
    response, sql = facet_query(analyst_client, query)
    assert facets(response)["kind"] == [("Phone call", "3", True)]
    assert facets(response)["country"] == [("United Kingdom", "3", True)]
    assert facets(response)["initiator"] == [("Mike Pompeo", "3", False)]
    # Only the initiators are counted: no contact's kind is read, no country grouped.
    assert "facet_contact" not in sql and '"country_id" AS v' not in sql
    assert '"person_id" AS v' in sql


def test_a_chosen_initiator_is_named_by_counting_as_before(analyst_client, calls):
    response, sql = facet_query(analyst_client, {"initiator": "mike-pompeo"})
    assert facets(response)["initiator"] == [("Mike Pompeo", "3", True)]
    assert "facet_contact" in sql  # the kinds, beside the initiator's name
    assert '"person_id" AS v' in sql  # and the initiators, counted


def test_an_unfiltered_lists_facets_count_the_records_entered_last(analyst_client, settings):
    settings.FACET_SAMPLE = 2  # three rows are read: the facet counts are lower bounds
    kinds = ["phone_call", "phone_call", "phone_call", "meeting", "visit"]
    for day, kind in enumerate(kinds, start=1):  # entered in date order: any index agrees
        make_contact(PersonFactory(), kind=kind, date_start=D(2020, 1, day))
    kinds = facets(analyst_client.get(CONTACTS))["kind"]
    assert sorted(label for label, _, _ in kinds) == ["Meeting", "Phone call", "Visit"]
    assert {count for _, count, _ in kinds} == {"1+"}


def test_a_value_the_filter_refuses_is_not_shown_as_chosen(analyst_client, calls):
    response = analyst_client.get(CONTACTS, {"country": "999999", "kind": "bogus"})
    shown = facets(response)
    assert not any(selected for items in shown.values() for *_, selected in items)
    assert len(shown["kind"]) == 3


def test_statement_facets_count_speaker_country_medium_and_outlet(analyst_client, people):
    cnn = OrganisationFactory(name="CNN", kind=OrganisationKind.NEWS_OUTLET)
    StatementFactory(speaker=people["pompeo"], medium="tweet")
    StatementFactory(speaker=people["pompeo"], medium="tv_interview", outlet=cnn)
    StatementFactory(speaker=people["raab"], medium="tweet")
    response = analyst_client.get(STATEMENTS)
    assert facets(response) == {
        "speaker": [("Mike Pompeo", "2", False), ("Dominic Raab", "1", False)],
        "country": [("United States", "2", False), ("United Kingdom", "1", False)],
        "medium": [("Tweet or social media post", "2", False), ("TV interview", "1", False)],
        "outlet": [("CNN", "1", False)],
    }
    followed = analyst_client.get(STATEMENTS + link(response, "speaker", "Dominic Raab"))
    assert [s.speaker for s in rows(followed)] == [people["raab"]]
    followed = analyst_client.get(STATEMENTS + link(response, "outlet", "CNN"))
    assert [s.outlet for s in rows(followed)] == [cnn]


def test_source_facets_count_outlets_and_languages(analyst_client, db):
    wion = OrganisationFactory(name="WION", kind=OrganisationKind.NEWS_OUTLET)
    SourceFactory(outlet=wion, language="en")
    SourceFactory(outlet=wion, language="de")
    SourceFactory(language="de")
    SourceFactory(language="")
    response = analyst_client.get(SOURCES)
    assert facets(response) == {
        "outlet": [("WION", "2", False)],
        "language": [("German", "2", False), ("English", "1", False)],
    }
    followed = analyst_client.get(SOURCES + link(response, "language", "German"))
    assert {s.language for s in rows(followed)} == {"de"} and len(rows(followed)) == 2
    assert facets(followed)["language"] == [("German", "2", True)]


def test_each_facet_shows_at_most_eight_values(analyst_client, db):
    hub = PersonFactory()
    for number in range(10):
        make_contact(hub, PersonFactory(country=CountryFactory(name=f"Land {number}")))
    assert len(facets(analyst_client.get(CONTACTS))["country"]) == 8


def test_a_tie_at_the_last_place_shown_is_settled_by_name_not_by_number(analyst_client, db):
    hub = PersonFactory(country=None)
    for number in reversed(range(10)):  # "Land 9" gets the lowest id
        make_contact(hub, PersonFactory(country=CountryFactory(name=f"Land {number}")))
    shown = facets(analyst_client.get(CONTACTS))["country"]
    assert [label for label, _, _ in shown] == [f"Land {number}" for number in range(8)]


def test_counts_beyond_the_cap_are_lower_bounds_marked_like_the_row_count(
    analyst_client, calls, settings
):
    settings.TABLE_COUNT_CAP = settings.FACET_SAMPLE = 2
    response = analyst_client.get(CONTACTS, {"date_from": "2020-01-01"})  # filtered: the
    assert "2+ rows" in response.text  # sample is the first rows an index gives (the calls)
    shown = facets(response)
    assert ("Phone call", "2+", False) in shown["kind"]
    assert ("Mike Pompeo", "2+", False) in shown["initiator"]
    assert "Counted among 2 of the matching rows, not all of them" in response.text
    followed = analyst_client.get(CONTACTS + link(response, "initiator", "Mike Pompeo"))
    assert facets(followed)["initiator"] == [("Mike Pompeo", "2+", True)]


def test_counts_beyond_the_facet_sample_are_lower_bounds_though_the_rows_are_counted(
    analyst_client, calls, settings
):
    settings.FACET_SAMPLE = 2  # the row count's cap stays 10,000
    response = analyst_client.get(CONTACTS, {"date_from": "2020-01-01"})
    rows = response.context["table"].paginator.count
    assert rows > 2 and f"{rows} rows" in response.text
    assert ("Phone call", "2+", False) in facets(response)["kind"]
    assert "Counted among 2 of the matching rows, not all of them" in response.text


def test_counts_under_the_cap_are_exact_and_carry_no_note(analyst_client, calls):
    response = analyst_client.get(CONTACTS)
    assert all("+" not in count for items in facets(response).values() for _, count, _ in items)
    assert "Counted among" not in response.text


def test_no_facets_are_counted_when_no_row_matches(analyst_client, calls):
    response = analyst_client.get(CONTACTS, {"date_from": "2030-01-01"})
    assert response.context["facets"] == [] and 'class="facets"' not in response.text


def test_facets_fold_into_a_details_element(analyst_client, calls):
    text = analyst_client.get(CONTACTS).text
    assert '<details class="facets"' in text
    assert "<summary>Counts by kind, country, initiator</summary>" in text


def test_facet_labels_are_escaped(analyst_client, db):
    SourceFactory(outlet=OrganisationFactory(name="<script>alert(1)</script>"))
    text = analyst_client.get(SOURCES).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text


def test_facets_follow_a_text_search_whether_its_word_is_rare_or_common(analyst_client, db):
    hub = PersonFactory(name="Mike Pompeo")
    for _ in range(30):  # in every row: SQLite probes the index row by row
        make_contact(hub, PersonFactory(), summary="Pompeo rang him.")
    make_contact(hub, PersonFactory(), kind="meeting", summary="They met in Sochi.")
    for word, kinds in [
        ("rang", [("Phone call", "30", False)]),
        ("sochi", [("Meeting", "1", False)]),
    ]:
        response = analyst_client.get(CONTACTS, {"q": word})
        assert facets(response)["kind"] == kinds
        assert "q" in query_of(link(response, "kind", kinds[0][0]))


LISTS = [(ContactListView, CONTACTS), (StatementListView, STATEMENTS), (SourceListView, SOURCES)]


@pytest.mark.parametrize("cap", [10_000, 2])
@pytest.mark.parametrize(("view", "url"), LISTS, ids=["contacts", "statements", "sources"])
def test_facets_add_one_query_to_a_page_however_many_rows_match(
    analyst_client, calls, people, monkeypatch, settings, view, url, cap
):
    settings.TABLE_COUNT_CAP = settings.FACET_SAMPLE = cap
    for _ in range(3):
        StatementFactory(speaker=people["pompeo"])
    outlet = OrganisationFactory(kind=OrganisationKind.NEWS_OUTLET)
    Source.objects.update(outlet=outlet, language="en")
    analyst_client.get(url)  # the session's first request also renews it

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = analyst_client.get(url)
        return len(captured), response

    with_facets, response = queries()
    assert response.context["facets"]
    monkeypatch.setattr(view, "facets", ())
    without, response = queries()
    assert "facets" not in response.context
    assert with_facets - without == 1


def test_a_filtered_lists_count_gives_its_facets_their_sample_in_the_same_query(
    analyst_client, people
):
    StatementFactory(speaker=people["pompeo"], medium="tweet")
    StatementFactory(speaker=people["raab"], medium="tweet")
    StatementFactory(speaker=people["raab"], medium="speech")
    with CaptureQueriesContext(connection) as captured:
        response = analyst_client.get(STATEMENTS, {"medium": "tweet"})
    sql = [query["sql"] for query in captured.captured_queries]
    given = "UNNEST(" if connection.vendor == "postgresql" else "value FROM json_each("
    [facet_query] = [query for query in sql if query.startswith("WITH facet_rows")]
    assert facet_query.startswith(f"WITH facet_rows(id) AS (SELECT {given}")  # no search again
    assert '"medium"' not in facet_query.split("facet_statement_pk")[0]
    assert facets(response)["speaker"] == [
        ("Dominic Raab", "1", False),
        ("Mike Pompeo", "1", False),
    ]
    assert response.context["table"].paginator.count == 2


def test_a_filtered_list_that_matches_nothing_counts_none_and_shows_no_facets(
    analyst_client, people
):
    StatementFactory(speaker=people["pompeo"], medium="tweet")
    response = analyst_client.get(STATEMENTS, {"medium": "speech"})
    assert response.context["table"].paginator.count == 0
    assert not response.context["facets"]


def test_counting_filters_that_can_match_nothing_gives_no_rows_and_no_sample(db):
    from contacts.lists.pagination import count_and_sample
    from contacts.models import Statement

    StatementFactory()
    assert count_and_sample(Statement.objects.filter(pk__in=[]), 10, 5) == (0, [])
    assert count_and_sample(Statement.objects.all(), 10, 5)[0] == 1
