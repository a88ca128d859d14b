"""Search on the lists: the other spellings shown and switched off, snippets, relevance."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contacts.search.filtering import LONGEST_SEARCH, SearchText
from tests.factories import PersonFactory, SourceFactory, StatementFactory, make_contact

STATEMENTS, CONTACTS = reverse("statement-list"), reverse("contact-list")
COUNT_QUERY = "SELECT COUNT(*) FROM (SELECT"  # a count of its own


def note(response):
    found = re.search(r'<p class="search-note">(.*?)</p>', response.text, re.S)
    return re.sub(r"\s+", " ", found.group(1)) if found else ""


def cells(response, kind):
    return re.findall(rf'<td[^>]*class="{kind}"[^>]*>(.*?)</td>', response.text, re.S)


def row_count(response):
    return response.context["table"].paginator.count


@pytest.mark.usefixtures("seeded")
def test_a_search_for_a_name_says_which_other_spellings_it_searched(analyst_client):
    response = analyst_client.get(STATEMENTS, {"q": "Qasem"})
    assert "Also searched:" in note(response)
    assert "Qassem Soleimani" in note(response) and "قاسم سلیمانی" in note(response)
    assert row_count(response) == 19


@pytest.mark.usefixtures("seeded")
def test_one_click_searches_only_what_was_typed(analyst_client):
    response = analyst_client.get(STATEMENTS, {"q": "Qasem"})
    link = re.search(r'href="([^"]*)">Search only what I typed', response.text).group(1)
    typed_only = analyst_client.get(STATEMENTS + link.replace("&amp;", "&"))
    assert row_count(typed_only) == 0
    assert "Searched only what you typed" in note(typed_only)
    assert 'name="expand" value="0"' in typed_only.text  # kept when the form is sent again


@pytest.mark.usefixtures("seeded")
def test_statement_rows_show_the_matched_words_marked(analyst_client):
    response = analyst_client.get(STATEMENTS, {"q": "deescalation"})
    quotes = " ".join(cells(response, "quote"))
    assert "we urge all parties to <mark>de-escalate</mark>" in quotes


@pytest.mark.usefixtures("seeded")
def test_a_contact_found_through_an_excerpt_shows_that_excerpt(analyst_client):
    response = analyst_client.get(CONTACTS, {"q": "Quds"})
    summaries = cells(response, "summary")
    assert any("Excerpt:" in cell and "<mark>Quds</mark>" in cell for cell in summaries)


def test_relevance_is_a_sort_beside_date(analyst_client, db):
    StatementFactory(text="Tariffs, tariffs and tariffs: the tariff war.", date_start="2019-01-01")
    StatementFactory(text="A call about tariffs.", date_start="2020-01-01")
    by_date = analyst_client.get(STATEMENTS, {"q": "tariff"})
    assert "most relevant first" in note(by_date)
    by_relevance = analyst_client.get(STATEMENTS, {"q": "tariff", "sort": "relevance"})
    first = [row.record.text for row in by_relevance.context["table"].page.object_list][0]
    assert first.startswith("Tariffs, tariffs")
    assert by_relevance.context["warnings"] == []


@pytest.mark.parametrize("url, q", [(STATEMENTS, "talked"), (CONTACTS, "phone")])
def test_a_searched_page_does_as_many_queries_for_thirty_rows_as_for_one(
    analyst_client, db, url, q
):
    hub = PersonFactory(name="Mike Pompeo")

    def queries_for(rows):
        for _ in range(rows):
            contact = make_contact(hub, PersonFactory(), initiator=hub)
            StatementFactory(speaker=hub, contact=contact)
        analyst_client.get(url, {"q": q})  # the session settles
        with CaptureQueriesContext(connection) as captured:
            response = analyst_client.get(url, {"q": f"{q} OR Mike", "sort": "relevance"})
        assert "<mark>" in response.text
        return len(captured.captured_queries)

    assert queries_for(1) == queries_for(29)


@pytest.mark.parametrize("url", [STATEMENTS, reverse("source-list")])
def test_a_rare_words_matches_are_counted_by_the_lookup_that_found_them(analyst_client, db, url):
    for number in range(40):
        text = "They spoke of tariffs." if number == 7 else f"They spoke of the weather {number}."
        StatementFactory(text=text)
        if url != STATEMENTS:
            SourceFactory(title=f"Report {number}", text=text)
    analyst_client.get(url)  # the session settles
    with CaptureQueriesContext(connection) as captured:
        response = analyst_client.get(url, {"q": "tariff"})
    assert row_count(response) == 1 and len(response.context["table"].page_ids()) == 1
    assert not [q for q in captured.captured_queries if q["sql"].startswith(COUNT_QUERY)]


@pytest.mark.parametrize("url", [STATEMENTS, reverse("source-list")])
def test_a_common_words_matches_are_counted_in_the_query_that_looks_for_them(
    analyst_client, db, url, monkeypatch, settings
):
    settings.TABLE_COUNT_CAP = 30
    monkeypatch.setattr("contacts.search.RARE_LIMIT", 5)  # PostgreSQL: more are not rare
    for number in range(40):
        StatementFactory(text=f"They spoke of tariffs {number}.")
        if url != STATEMENTS:
            SourceFactory(title=f"Report {number}", text="Tariffs again.")
    analyst_client.get(url)  # the session settles
    with CaptureQueriesContext(connection) as captured:
        response = analyst_client.get(url, {"q": "tariff", "per_page": 10})
    assert row_count(response) == 30 and response.context["table"].paginator.capped
    assert "30+ rows" in response.text and len(response.context["table"].page_ids()) == 10
    assert not [q for q in captured.captured_queries if q["sql"].startswith(COUNT_QUERY)]


@pytest.mark.parametrize(
    "typed, searched",
    [
        ("a " * 100 + "bcd", ("a " * 100).rstrip()),  # the word past the cut is left out
        ("word " * 39 + "abcde tail", "word " * 39 + "abcde"),  # a word ending at the cut
        ("x" * 250, "x" * LONGEST_SEARCH),  # one long word: cut
    ],
)
def test_search_text_is_cut_at_the_last_whole_word(typed, searched):
    assert SearchText(required=False).clean(typed) == searched


def test_the_search_box_lets_a_browser_paste_more_than_is_searched(analyst_client, db):
    response = analyst_client.get(STATEMENTS)
    assert f'maxlength="{10 * LONGEST_SEARCH}"' in response.text


def test_a_long_search_text_is_cut_searched_and_said_to_be_cut(analyst_client, db):
    StatementFactory(text="The minister spoke at length about the pipeline.")
    StatementFactory(text="Nothing about it here.")
    long_text = "minister pipeline " + "x" * (LONGEST_SEARCH + 50)
    response = analyst_client.get(STATEMENTS, {"q": long_text})
    assert response.status_code == 200
    assert f"Only the first {len('minister pipeline')} characters" in note(response)
    assert row_count(response) == 1  # searched, not refused: not every row


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=60).filter(lambda text: "\x00" not in text))
def test_no_search_text_breaks_a_list(analyst_client, db, q):
    for url in (STATEMENTS, CONTACTS, reverse("source-list")):
        for extra in ({}, {"sort": "relevance"}, {"expand": "0"}):
            response = analyst_client.get(url, {"q": q, **extra})
            assert response.status_code == 200
            assert "<table" in response.text  # the list is shown, whatever it matched


def person_links(response):
    return re.findall(
        r'<a href="([^"]*)" dir="auto">((?:Statements by|Contacts of) [^<]*)</a>', response.text
    )


def test_a_search_naming_a_person_links_to_their_own_statements_keeping_the_other_filters(
    analyst_client, db
):
    speaker = PersonFactory(name="Amira Vostok")
    PersonFactory(name="Someone Else")
    StatementFactory(speaker=speaker, text="We will respond.", medium="speech")
    StatementFactory(text="Amira Vostok was quoted by others.", medium="speech")
    response = analyst_client.get(
        STATEMENTS, {"q": "Amira Vostok", "medium": "speech", "page": "1", "sort": "relevance"}
    )
    assert row_count(response) == 1  # what was said of him
    [(link, text)] = person_links(response)
    assert text == "Statements by Amira Vostok"
    assert link.replace("&amp;", "&") == "?medium=speech&speaker=Amira+Vostok"
    theirs = analyst_client.get(STATEMENTS + link.replace("&amp;", "&"))
    assert [row.text for row in theirs.context["table"].page.object_list.data] == [
        "We will respond."
    ]


def test_a_contact_search_naming_a_person_links_to_their_contacts(analyst_client, db):
    raab = PersonFactory(name="Dmitri Kalvan")
    make_contact(raab, PersonFactory(), summary="A call about the strike.")
    response = analyst_client.get(CONTACTS, {"q": "Dmitri Kalvan"})
    assert row_count(response) == 0
    [(link, text)] = person_links(response)
    assert text == "Contacts of Dmitri Kalvan" and link == "?participant=Dmitri+Kalvan"
    assert row_count(analyst_client.get(CONTACTS + link)) == 1


def test_no_person_link_is_offered_when_the_search_names_nobody_or_the_list_has_no_such_filter(
    analyst_client, db
):
    PersonFactory(name="Dmitri Kalvan")
    SourceFactory(text="Dmitri Kalvan spoke.")
    assert person_links(analyst_client.get(STATEMENTS, {"q": "ceasefire"})) == []
    assert person_links(analyst_client.get(reverse("source-list"), {"q": "Dmitri Kalvan"})) == []
    typed_only = analyst_client.get(STATEMENTS, {"q": "Dmitri Kalvan", "expand": "0"})
    assert person_links(typed_only) == []


def test_a_person_link_escapes_a_hostile_name(analyst_client, db):
    StatementFactory(speaker=PersonFactory(name='Qorlan <b>"Vezhi"</b>'))  # a list to link
    response = analyst_client.get(STATEMENTS, {"q": 'Qorlan <b>"Vezhi"</b>'})
    assert "Statements by Qorlan &lt;b&gt;&quot;Vezhi&quot;&lt;/b&gt;" in response.text
    assert '<b>"Vezhi"</b>' not in response.text.split('class="search-note"')[1][:2000]
