"""A search that names a known country, in any language the archive's reports come in,
finds every spelling of it: "Иран", "ایران", "Ирана" find "Iran" (names from the Unicode
CLDR, with the name the tracker stores it under)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Statement
from contacts.search import matching, search_query
from tests.conftest import body as raw_body
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

ALSO = re.compile(r'Also searched: <span dir="auto">([^<]*)</span>')


def body(response):
    return raw_body(response).decode()


def also_searched(page):
    found = ALSO.search(page)
    return found.group(1).split(", ") if found else []


@pytest.fixture
def iran():
    StatementFactory(text="Iran vowed severe revenge for the strike.")
    return CountryFactory(code="IR", name="Iran")


@pytest.mark.parametrize("typed", ["Иран", "Ирана", "ایران", "إيران", "Irán"])
def test_a_country_named_in_another_language_finds_its_english_name(analyst_client, iran, typed):
    page = body(analyst_client.get("/statements/", {"q": typed}))

    assert "vowed severe revenge" in page
    assert "Iran" in also_searched(page) or typed == "Irán"


def test_a_country_named_in_english_also_searches_its_other_names(iran):
    query = search_query("Iran")

    assert {"Иран", "إيران"} <= set(query.expanded)
    assert "Iran" not in query.expanded  # what was typed is not "also" searched


def test_a_russian_case_form_of_a_longer_name_names_the_country():
    CountryFactory(code="RU", name="Russia")

    assert "Russia" in search_query("России").expanded


def test_the_name_the_tracker_stores_comes_first(analyst_client):
    CountryFactory(code="GB", name="Great Britain")
    StatementFactory(text="Great Britain urged restraint.")

    page = body(analyst_client.get("/statements/", {"q": "Великобритании"}))

    assert also_searched(page)[0] == "Great Britain"
    assert "urged restraint" in page


def test_a_country_the_tracker_does_not_know_is_searched_as_typed():
    assert search_query("Islande").expanded == []

    CountryFactory(code="IS", name="Iceland")

    assert "Iceland" in search_query("Islande").expanded


def test_a_country_is_named_by_the_name_the_tracker_stores_it_under():
    CountryFactory(code="TR", name="Turkey")  # CLDR's English name is Türkiye

    assert {"Türkiye", "Турция"} <= set(search_query("Turkey").expanded)


def test_a_common_word_that_names_a_country_in_another_language_names_none():
    CountryFactory(code="IS", name="Iceland")  # German: Island

    assert search_query("island").expanded == []


def test_a_person_known_by_that_word_is_preferred_to_a_country():
    CountryFactory(code="JO", name="Jordan")
    PersonFactory(name="Michael Jordan")

    query = search_query("Jordan")

    assert query.people == ["Michael Jordan"]
    assert "Jordanie" not in query.expanded


def test_a_country_name_an_organisation_goes_by_names_the_organisation():
    country = CountryFactory(code="PK", name="Pakistan")
    OrganisationFactory(name="Pakistan Army", country=country)

    assert search_query("Pakistan").expanded == ["Pakistan Army"]


def test_searching_only_what_was_typed_leaves_the_country_unexpanded(analyst_client, iran):
    page = body(analyst_client.get("/statements/", {"q": "Иран", "expand": "0"}))

    assert "vowed severe revenge" not in page
    assert "No statement matches" in page


def test_a_country_is_looked_up_in_the_query_that_looks_up_names(analyst_client, iran):
    def queries(word):
        with CaptureQueriesContext(connection) as captured:
            analyst_client.get("/statements/", {"q": word})
        return captured.captured_queries

    queries("revenge")  # the session and the process's caches are read once
    named, unnamed = queries("Иран"), queries("revenge")  # the same row found

    assert len(named) == len(unnamed)
    assert sum("contacts_country" in q["sql"] and "contacts_person" in q["sql"] for q in named)


@pytest.fixture
def united_states():
    StatementFactory(text="US officials briefed allies overnight.")
    StatementFactory(text="U.S. forces were placed on alert.")
    StatementFactory(text="The United States called for restraint.")
    return CountryFactory(code="US", name="United States")


def test_a_country_s_full_name_finds_its_abbreviation_with_and_without_dots(
    analyst_client, united_states
):
    page = body(analyst_client.get("/statements/", {"q": "United States"}))

    assert "briefed allies" in page
    assert "placed on alert" in page
    assert "called for restraint" in page
    assert also_searched(page)[:2] == ["US", "USA"]


@pytest.mark.parametrize("typed", ["US", "U.S.", "USA"])
def test_an_abbreviation_in_capitals_names_the_country(analyst_client, united_states, typed):
    page = body(analyst_client.get("/statements/", {"q": typed}))

    assert "called for restraint" in page
    assert "United States" in also_searched(page)


def test_the_word_us_in_lower_case_names_no_country(united_states):
    assert not {"United States", "USA"} & set(search_query("they told us").expanded)


def test_britain_finds_the_united_kingdom_written_as_an_abbreviation():
    CountryFactory(code="GB", name="United Kingdom")
    statement = StatementFactory(text="The U.K. urged all sides to de-escalate.")

    found = matching(Statement.objects.all(), "Britain")

    assert list(found) == [statement]
    assert {"United Kingdom", "UK"} <= set(search_query("Britain").expanded)


def test_america_names_no_country(united_states):
    assert search_query("America").expanded == []


@pytest.mark.parametrize(
    ("code", "name", "typed"),
    [
        ("US", "United States", "Соединенных Штатов"),
        ("SA", "Saudi Arabia", "Саудовской Аравии"),
        ("RU", "Russia", "Россией"),
        ("GB", "United Kingdom", "Великобританией"),
        ("US", "United States", "США"),
    ],
)
def test_a_russian_name_in_any_case_or_its_short_form_names_the_country(code, name, typed):
    CountryFactory(code=code, name=name)

    assert name in search_query(typed).expanded


@pytest.mark.parametrize("typed", ["мало", "того", "сша", "груза", "Франца"])
def test_a_russian_common_word_or_short_form_in_lower_case_names_no_country(typed):
    CountryFactory(code="ML", name="Mali")
    CountryFactory(code="TG", name="Togo")
    CountryFactory(code="US", name="United States")
    CountryFactory(code="GE", name="Georgia")
    CountryFactory(code="FR", name="France")

    named = {"Mali", "Togo", "United States", "Georgia", "France"}
    assert not named & set(search_query(typed).expanded)
