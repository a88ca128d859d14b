"""What a list page says about what it was asked (an analyst's exploratory review): no search
note without a search, the words left out past the limit, the order named as it is, what a
pasted word carries unseen or an unknown Cyrillic name is widened to, and a date window
that ends before it starts."""

import re

import pytest

from contacts.models import AliasKind
from contacts.search.expansion import transliterated
from contacts.search.syntax import MOST_TERMS, parse
from tests.conftest import body as raw_body
from tests.factories import (
    AliasFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db  # a search looks its names up

NOTHING_TO_LOOK_FOR = "holds nothing to look for"


def body(response):
    return raw_body(response).decode()


def test_the_people_list_says_nothing_about_a_search_it_was_not_given(analyst_client):
    PersonFactory(name="Mike Pompeo")

    page = body(analyst_client.get("/people/"))

    assert "Mike Pompeo" in page
    assert NOTHING_TO_LOOK_FOR not in page
    assert 'class="search-note"' not in page


def test_a_search_without_a_word_still_says_it_holds_nothing_to_look_for(analyst_client):
    page = body(analyst_client.get("/statements/", {"q": "!!!"}))

    assert NOTHING_TO_LOOK_FOR in page


def test_words_past_the_limit_are_counted_as_left_out():
    words = [f"word{n}" for n in range(MOST_TERMS + 3)]

    query = parse(" ".join(words))

    assert query.dropped == 3
    assert [group[0].token for group in query.groups] == words[:MOST_TERMS]


def test_exclusions_past_the_limit_are_counted_apart_from_words():
    query = parse("Iran " + " ".join(f"-word{n}" for n in range(MOST_TERMS + 1)))

    assert (query.dropped, query.dropped_excluded) == (0, 1)
    assert len(query.excluded) == MOST_TERMS


def test_an_excluded_abbreviation_counts_as_one_typed_exclusion():
    letters = [chr(ord("A") + n) * 2 for n in range(20)]  # AA … TT, each two clauses

    query = parse("Iran " + " ".join(f"-{pair}" for pair in letters))

    assert query.dropped_excluded == 0
    assert len(query.excluded) == 40


def test_a_search_within_the_limit_leaves_nothing_out():
    assert parse(" ".join(f"word{n}" for n in range(MOST_TERMS))).dropped == 0


def test_the_page_says_how_many_exclusions_were_left_out(analyst_client):
    StatementFactory(text="Iran said it would respond.")
    q = "Iran " + " ".join(f"-zq{n}" for n in range(MOST_TERMS + 2))

    page = body(analyst_client.get("/statements/", {"q": q}))

    assert f"Only the first {MOST_TERMS} exclusions were applied: 2 more left out." in page
    assert "words or phrases were searched" not in page


def test_least_relevant_first_is_named_as_the_order_shown(analyst_client):
    StatementFactory(text="Iran said it would respond.")

    page = body(analyst_client.get("/statements/", {"q": "Iran", "sort": "-relevance"}))

    assert "Order: least relevant first" in page
    assert "Order: most relevant first" not in page


def test_most_relevant_first_is_named_as_the_order_shown(analyst_client):
    StatementFactory(text="Iran said it would respond.")

    page = body(analyst_client.get("/statements/", {"q": "Iran", "sort": "relevance"}))

    assert "Order: most relevant first" in page


def test_relevance_then_date_is_named_as_most_relevant_first(analyst_client):
    StatementFactory(text="Iran said it would respond.")

    page = body(analyst_client.get("/statements/", {"q": "Iran", "sort": "relevance,date"}))

    assert "Order: most relevant first" in page


@pytest.mark.parametrize(
    ("path", "sort", "named"),
    [
        ("/statements/", "", "by date, newest first"),
        ("/statements/", "date", "by date, oldest first"),
        ("/statements/", "speaker", "by speaker"),
        ("/contacts/", "-kind", "by kind, descending"),
        ("/sources/", "published", "by date, oldest first"),
    ],
)
def test_a_search_sorted_by_a_column_names_that_column_as_the_order(
    analyst_client, path, sort, named
):
    StatementFactory(text="Iran said it would respond.")

    page = body(analyst_client.get(path, {"q": "Iran", "sort": sort}))

    assert re.search(rf"Order: {named} ·", page)


def test_a_soft_hyphen_or_zero_width_space_inside_a_typed_word_is_read_as_a_space():
    assert parse("Pom\u00adpeo Ira\u200bn").groups == parse("Pom peo Ira n").groups


def test_a_pasted_word_with_a_soft_hyphen_finds_the_word_and_a_text_stored_with_it(
    analyst_client,
):
    StatementFactory(text="Pompeo spoke to reporters.")
    StatementFactory(text="Pom\u00adpeo met the press.")

    page = body(analyst_client.get("/statements/", {"q": "Pom\u00adpeo"}))

    assert "<mark>Pompeo</mark> spoke to reporters." in page
    assert "met the press." in page


def test_an_unknown_cyrillic_name_in_its_nominative_is_not_cut_to_a_shorter_word():
    assert transliterated("Макей", searched=True) == ["Makey"]


def test_an_unknown_cyrillic_name_cut_to_a_vowel_is_searched_in_its_nominative():
    assert transliterated("Макею", searched=True) == ["Makeyu", "Makey"]


def test_a_look_up_of_names_containing_a_cyrillic_word_keeps_its_short_stem():
    assert transliterated("Макею") == ["Makeyu", "Make"]


def test_an_unknown_cyrillic_name_in_a_case_form_is_also_searched_without_its_ending():
    assert transliterated("Лаврову", searched=True) == ["Lavrovu", "Lavrov"]


def test_a_window_that_ends_before_it_starts_is_refused_with_a_reason(analyst_client):
    StatementFactory(text="Iran said it would respond.", date_start="2020-01-03")
    StatementFactory(text="Iran said it was ready.", date_start="2020-01-06")

    page = body(
        analyst_client.get("/statements/", {"date_from": "2020-01-05", "date_to": "2020-01-01"})
    )

    assert "2020-01-01 is before From (2020-01-05)." in page
    assert "were ignored; the others still apply" in page
    assert "it was ready" in page  # From still applies
    assert "would respond" not in page


def test_the_sources_list_refuses_a_publication_window_that_ends_before_it_starts(
    analyst_client,
):
    SourceFactory(title="Early report", published_date="2020-01-03")
    SourceFactory(title="Later report", published_date="2020-01-06")

    page = body(
        analyst_client.get("/sources/", {"date_from": "2020-01-05", "date_to": "2020-01-01"})
    )

    assert "2020-01-01 is before Published from (2020-01-05)." in page
    assert "Later report" in page  # From still applies
    assert "Early report" not in page


def test_the_network_says_which_other_spellings_its_search_also_found(analyst_client):
    person = PersonFactory(name="Qorvan Telemani")
    AliasFactory(person=person, name="Korvan Telemani", kind=AliasKind.TRANSLITERATION)
    make_contact(person, PersonFactory(name="Dorvan Quillet"))  # their contacts: a link

    page = body(analyst_client.get("/network/", {"q": "Qorvan Telemani"}))

    assert 'Also searched: <span dir="auto">Korvan Telemani</span>.' in page
    assert "Search only what I typed" in page
    assert "Order:" not in page  # the network has no order to choose
    assert re.search(r"Contacts of Qorvan Telemani</a>\s*</p>", page)  # no separator after


def test_the_network_says_when_its_search_holds_nothing_to_look_for(analyst_client):
    page = body(analyst_client.get("/network/", {"q": '"'}))

    assert NOTHING_TO_LOOK_FOR in page


def test_the_page_says_how_many_words_were_left_out(analyst_client):
    StatementFactory(text="Iran said it would respond.")
    q = " ".join(["Iran"] * (MOST_TERMS + 1))

    page = body(analyst_client.get("/statements/", {"q": q}))

    assert f"Only the first {MOST_TERMS} words or phrases were searched: 1 more left out." in page


EITHER = re.compile(r'searched as a word:</strong> <a href="([^"]*)" dir="auto">([^<]*)</a>')


def test_an_or_in_lower_case_between_words_is_said_to_be_searched_as_a_word(analyst_client):
    StatementFactory(text="Iran vowed revenge.")
    StatementFactory(text="Iraq protested.")

    page = body(analyst_client.get("/statements/", {"q": "iran or iraq", "page": "2"}))

    assert "No statement matches" in page
    assert EITHER.findall(page) == [("?q=iran+OR+iraq", "iran OR iraq")]


def test_the_search_in_capitals_finds_the_rows_holding_either_word(analyst_client):
    StatementFactory(text="Iran vowed revenge.")
    StatementFactory(text="Iraq protested.")

    page = body(analyst_client.get("/statements/?q=iran+OR+iraq"))

    assert "vowed revenge" in page and "protested" in page
    assert "searched as a word" not in page


@pytest.mark.parametrize(
    "typed",
    ["Pompeo or", "or Pompeo", '"war or peace"', "\u201cwar or peace\u201d", "Iran (or) Iraq"],
)
def test_an_or_at_either_end_or_in_a_phrase_is_not_remarked(analyst_client, typed):
    page = body(analyst_client.get("/statements/", {"q": typed}))

    assert "searched as a word" not in page


def test_the_search_in_capitals_keeps_a_quoted_phrase_as_typed(analyst_client):
    page = body(analyst_client.get("/statements/", {"q": 'revenge or "war or peace"'}))

    assert EITHER.findall(page)[0][1] == "revenge OR &quot;war or peace&quot;"


def test_every_or_in_lower_case_between_words_is_put_in_capitals(analyst_client):
    page = body(analyst_client.get("/statements/", {"q": "Iran or or Iraq"}))

    assert EITHER.findall(page)[0][1] == "Iran OR OR Iraq"


def test_an_or_past_the_words_searched_is_not_remarked(analyst_client):
    words = " ".join(f"word{n}" for n in range(MOST_TERMS))

    page = body(analyst_client.get("/statements/", {"q": f"{words} Iran or Iraq"}))

    assert "searched as a word" not in page


def test_an_unknown_russian_name_in_the_instrumental_is_searched_in_its_nominative():
    assert "Lavrov" in transliterated("Лавровым", searched=True)


def test_a_person_named_by_the_search_without_statements_is_offered_no_link_to_them(
    analyst_client,
):
    PersonFactory(name="Qassem Soleimani")
    StatementFactory(text="Soleimani was killed in Baghdad.")  # said of him, not by him

    page = body(analyst_client.get("/statements/", {"q": "Soleimani"}))

    assert "was killed in Baghdad" in page
    assert "Statements by Qassem Soleimani" not in page


def test_a_person_named_by_the_search_with_statements_is_offered_the_link_to_them(
    analyst_client,
):
    StatementFactory(speaker=PersonFactory(name="Mike Pompeo"), text="Pompeo spoke to Raab.")

    page = body(analyst_client.get("/statements/", {"q": "Pompeo"}))

    assert "Statements by Mike Pompeo" in page


def test_an_or_in_mixed_case_between_words_is_said_to_be_searched_as_a_word(analyst_client):
    page = body(analyst_client.get("/statements/", {"q": "Pompeo Or Raab"}))

    assert EITHER.findall(page) == [("?q=Pompeo+OR+Raab", "Pompeo OR Raab")]


DATED = re.compile(r'searched as words:</strong> <a href="([^"]*)">the rows dated ([^<]*)</a>')


@pytest.mark.parametrize(
    ("typed", "rest"),
    [
        ("3 January 2020", ""),
        ("Pompeo January 3, 2020", "q=Pompeo&amp;"),
        ("Jan. 3rd 2020 Pompeo", "q=Pompeo&amp;"),
        ("2020-01-03", ""),
    ],
)
def test_a_date_typed_in_the_search_is_offered_as_the_date_filter(analyst_client, typed, rest):
    page = body(analyst_client.get("/contacts/", {"q": typed, "kind": "call"}))

    assert DATED.findall(page) == [
        (f"?kind=call&amp;{rest}date_from=2020-01-03&amp;date_to=2020-01-03", "3 January 2020")
    ]


@pytest.mark.parametrize("typed", ["3 January", "May 2020", "31 February 2020", "Pompeo"])
def test_a_search_without_a_whole_date_is_offered_no_date_filter(analyst_client, typed):
    page = body(analyst_client.get("/statements/", {"q": typed}))

    assert "the rows dated" not in page


def test_an_excluded_date_is_offered_no_date_filter(analyst_client):
    page = body(analyst_client.get("/statements/", {"q": "Pompeo -2020-01-03"}))

    assert "the rows dated" not in page


def test_a_date_typed_in_a_sources_search_is_offered_as_the_publication_date(analyst_client):
    page = body(analyst_client.get("/sources/", {"q": "Iran 3 January 2020"}))

    assert DATED.findall(page) == [
        ("?q=Iran&amp;date_from=2020-01-03&amp;date_to=2020-01-03", "3 January 2020")
    ]


PERSON_LINK = re.compile(r'<a href="(\?[^"]*)" dir="auto">(Statements by [^<]*)</a>')


def test_a_persons_link_keeps_the_other_words_typed(analyst_client):
    khamenei = PersonFactory(name="Ali Khamenei")
    StatementFactory(speaker=khamenei, text="A harsh vengeance awaits the criminals.")

    page = body(analyst_client.get("/statements/", {"q": "Khamenei's vengeance"}))
    ((url, text),) = PERSON_LINK.findall(page)
    listed = body(analyst_client.get("/statements/" + url.replace("&amp;", "&")))

    assert text == "Statements by Ali Khamenei with “vengeance”"
    assert "awaits the criminals" in listed


def test_a_person_on_one_side_of_an_or_is_linked_alone(analyst_client):
    StatementFactory(speaker=PersonFactory(name="Mike Pompeo"), text="We acted.")
    StatementFactory(speaker=PersonFactory(name="Dominic Raab"), text="We urge calm.")

    page = body(analyst_client.get("/statements/", {"q": "Pompeo OR Raab"}))

    assert PERSON_LINK.findall(page) == [
        ("?speaker=Mike+Pompeo", "Statements by Mike Pompeo"),
        ("?speaker=Dominic+Raab", "Statements by Dominic Raab"),
    ]
