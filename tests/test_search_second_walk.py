"""Searches a second analyst's walk found wrong after word forms and names with titles came
in: forms of a word beside another word, a capitalised word, a title of several words
before a full name, first names that sound alike, the date offered from the search, the
person links beside an OR, a possessive after an abbreviation, a Russian name in the
instrumental. Each runs on SQLite and on PostgreSQL."""

import html
import re

import pytest

from contacts.models import Statement
from contacts.search import matching, search_query
from tests.conftest import body
from tests.factories import (
    CountryFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db


def found(text):
    return set(matching(Statement.objects.all(), text).values_list("text", flat=True))


def page(client, path, **data):
    return html.unescape(body(client.get(path, data)).decode())


def test_a_word_beside_another_still_finds_its_other_forms():
    StatementFactory(text="Pompeo told reporters the threat was imminent.")

    assert found("tell reporters") == {"Pompeo told reporters the threat was imminent."}


def test_a_word_with_a_capital_first_finds_its_other_spelling():
    StatementFactory(text="The Defense Secretary briefed Congress.")

    assert found("Defence Secretary") == {"The Defense Secretary briefed Congress."}


def test_a_capitalised_word_that_names_someone_gets_no_verb_forms():
    PersonFactory(name="Rose Gottemoeller")

    assert "rise" not in search_query("Rose").expanded


def test_a_title_of_several_words_before_a_full_name_finds_the_person():
    PersonFactory(name="Mike Pompeo")
    StatementFactory(text="Mike Pompeo spoke to reporters.")

    assert found("Secretary of State Mike Pompeo") == {"Mike Pompeo spoke to reporters."}


def test_a_first_name_that_sounds_like_the_persons_names_them():
    PersonFactory(name="Mohammed bin Salman")
    StatementFactory(text="Mohammed bin Salman called Pompeo.")

    assert found("Muhammad bin Salman") == {"Mohammed bin Salman called Pompeo."}


def test_an_honorific_before_a_name_is_part_of_it():
    PersonFactory(name="Ali Khamenei")
    StatementFactory(text="Ali Khamenei vowed revenge.")

    assert found("Seyed Ali Khamenei") == {"Ali Khamenei vowed revenge."}


def test_a_possessive_after_an_abbreviation_is_dropped():
    CountryFactory(code="US", name="United States")
    StatementFactory(text="The U.S. embassy was attacked.")

    assert found("U.S.'s") == found("US") == {"The U.S. embassy was attacked."}


def test_a_russian_country_name_in_the_instrumental_names_it():
    CountryFactory(code="IN", name="India")

    assert "India" in search_query("Индией").expanded


DATED = re.compile(r'<a href="([^"]*)">the rows dated')


@pytest.mark.parametrize(
    "typed",
    [
        'Pompeo -"3 January 2020"',
        "Pompeo \u20133 January 2020",
        '"3 January 2020"',
        "3 January 2020 OR 4 January 2020",
    ],
)
def test_a_date_quoted_excluded_or_beside_an_or_is_offered_no_date_filter(analyst_client, typed):
    assert DATED.findall(page(analyst_client, "/contacts/", q=typed)) == []


@pytest.mark.parametrize(
    ("typed", "rest"),
    [("Friday 3 January 2020", ""), ("Pompeo on 3 January 2020", "q=Pompeo&")],
)
def test_the_weekday_and_on_before_a_date_go_with_it(analyst_client, typed, rest):
    offered = DATED.findall(page(analyst_client, "/statements/", q=typed))

    assert offered == [f"?{rest}date_from=2020-01-03&date_to=2020-01-03"]


LINKS = re.compile(r'<a href="(\?[^"]*)" dir="auto">Statements by [^<]*</a>')


def test_a_person_on_one_side_of_an_or_is_linked_with_the_other_words(analyst_client):
    StatementFactory(speaker=PersonFactory(name="Mike Pompeo"), text="Iran must stop.")
    PersonFactory(name="Mark Esper")

    links = LINKS.findall(page(analyst_client, "/statements/", q="Pompeo OR Esper Iran"))

    assert links == ["?speaker=Mike+Pompeo&q=Iran"]


def test_an_or_in_mixed_case_beside_a_name_is_left_out_of_its_link(analyst_client):
    StatementFactory(speaker=PersonFactory(name="Mike Pompeo"), text="We acted.")

    links = LINKS.findall(page(analyst_client, "/statements/", q="Pompeo Or Raab"))

    assert links == ["?speaker=Mike+Pompeo"]


def test_the_organisation_filter_given_punctuation_lists_no_contact(analyst_client):
    raab = PersonFactory(name="Dominic Raab")
    ministry = OrganisationFactory(name="Foreign Office", other_names="FCO; Whitehall")
    OfficeFactory(person=raab, organisation=ministry)
    make_contact(PersonFactory(name="Mike Pompeo"), raab)

    response = analyst_client.get("/contacts/", {"organisation": ";"})

    assert response.context["table"].paginator.count == 0
