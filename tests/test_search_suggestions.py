"""Did you mean: a search that lists no row offers the known name its word may have meant
("Suleimani" → Soleimani), through the names' stored sound keys, in one query asked only
when nothing matched."""

import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Person, PersonAlias
from contacts.search.suggestions import close_names, respelled
from contacts.text import name_key, sound_key
from tests.conftest import body as raw_body
from tests.factories import (
    AliasFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db

OFFER = re.compile(r'Did you mean <a href="([^"]*)" dir="auto">([^<]*)</a>\?')


def body(response):
    return raw_body(response).decode()


def offers(page):
    return [(unescape(url), name) for url, name in OFFER.findall(page)]


@pytest.fixture
def soleimani():
    person = PersonFactory(name="Qassem Soleimani")
    AliasFactory(person=person, name="قاسم سلیمانی")
    StatementFactory(text="Soleimani was killed in Baghdad.")
    SourceFactory(title="The strike", text="The strike killed Qassem Soleimani at the airport.")
    return person


@pytest.mark.parametrize(
    "spelling", ["Soleimani", "Suleimani", "Sulaimani", "Soleymani", "سلیمانی", "Сулеймани"]
)
def test_spellings_a_reader_confuses_share_one_sound_key(spelling):
    assert sound_key(name_key(f"Qassem {spelling}")) == "slmn"


@pytest.mark.parametrize("name", ["Ali", "Cuso Catefa 0", "Mike Pompeo Jr", ""])
def test_a_last_word_under_four_letters_has_no_sound_key(name):
    assert sound_key(name_key(name)) == ""


def test_saving_a_person_or_an_alias_keeps_its_sound_key():
    person = PersonFactory(name="Sergei Lavrov")
    alias = AliasFactory(person=person, name="Сергей Лавров")

    person.name = "Sergey Lavroff"
    person.save()

    assert Person.objects.get(pk=person.pk).sound_key == "lfrf"
    assert PersonAlias.objects.get(pk=alias.pk).sound_key == "lfrf"


def test_the_migration_fills_the_sound_keys_of_names_stored_before_it(soleimani):
    PersonAlias.objects.update(sound_key=None)
    Person.objects.update(sound_key=None)

    importlib.import_module("contacts.migrations.0023_sound_key").fill(apps, None)

    assert Person.objects.get(pk=soleimani.pk).sound_key == "slmn"
    assert list(PersonAlias.objects.values_list("sound_key", flat=True)) == ["slmn"]


@pytest.mark.parametrize("path", ["/statements/", "/contacts/", "/sources/"])
def test_a_search_that_finds_nothing_offers_the_name_it_may_have_meant(
    analyst_client, soleimani, path
):
    page = body(analyst_client.get(path, {"q": "Suleimani"}))

    assert offers(page) == [("?q=Soleimani", "Soleimani")]


def test_the_offered_search_finds_the_rows(analyst_client, soleimani):
    page = body(analyst_client.get("/statements/", {"q": "Suleimani"}))

    found = body(analyst_client.get("/statements/" + offers(page)[0][0]))

    assert "was killed in Baghdad" in found
    assert "Did you mean" not in found


def test_the_offer_keeps_the_other_parameters_and_leaves_out_the_page(analyst_client, soleimani):
    asked = {"q": "Suleimani killed", "expand": "0", "sort": "relevance", "page": "2"}

    page = body(analyst_client.get("/statements/", asked))

    assert offers(page) == [("?expand=0&sort=relevance&q=Soleimani+killed", "Soleimani killed")]


def test_a_search_that_finds_rows_offers_nothing(analyst_client, soleimani):
    with CaptureQueriesContext(connection) as queries:
        page = body(analyst_client.get("/statements/", {"q": "Soleimani"}))

    assert "was killed in Baghdad" in page
    assert "Did you mean" not in page
    assert not [q for q in queries.captured_queries if "sound_key" in q["sql"]]


def test_offering_names_costs_two_queries(analyst_client, soleimani):
    def queries(word):
        with CaptureQueriesContext(connection) as captured:
            analyst_client.get("/statements/", {"q": word})
        return captured.captured_queries

    queries("Aeiou")  # the session and the process's caches are read once
    offering, not_offering = queries("Suleimani"), queries("Aeiou")  # no row; no consonant

    assert len(offering) == len(not_offering) + 2
    assert sum("sound_key" in q["sql"] for q in offering) == 1


def test_a_word_that_sounds_like_no_name_is_offered_nothing(analyst_client, soleimani):
    page = body(analyst_client.get("/statements/", {"q": "Salamander"}))

    assert "No statement matches" in page
    assert "Did you mean" not in page


def test_a_word_that_is_a_known_name_is_not_respelled(soleimani):
    PersonFactory(name="Suleiman Suleimani")

    assert close_names(["Suleimani"]) == []
    assert close_names(["Solaimani"]) == [("Solaimani", "Soleimani")]


def test_the_first_word_of_a_known_name_is_not_respelled():
    PersonFactory(name="Wang Yi")
    PersonFactory(name="Yang Jiechi")

    assert close_names(["Wang"]) == []


def test_a_word_the_search_expands_is_not_offered_another_name(analyst_client, soleimani):
    AliasFactory(person=soleimani, name="Qasem Soleimani")
    PersonFactory(name="Naim Qassem")

    page = body(analyst_client.get("/contacts/", {"q": "Qasem"}))

    assert "Also searched" in page
    assert "Did you mean" not in page


def test_a_name_among_many_that_sound_alike_is_still_found(soleimani):
    PersonFactory(name="Imran Khan")
    for number in range(120):
        PersonFactory(name=f"Official {number} Kane")
        PersonFactory(name=f"Official {number} Kuhn")

    assert close_names(["Khan Suleimani"]) == [("Suleimani", "Soleimani")]


def test_each_misspelled_word_is_offered_its_own_name(soleimani):
    PersonFactory(name="Mike Pompeo")

    assert close_names(["Pompei met", "Suleimani"]) == [
        ("Pompei", "Pompeo"),
        ("Suleimani", "Soleimani"),
    ]


def test_one_offer_respells_every_misspelled_word(analyst_client, soleimani):
    PersonFactory(name="Mike Pompeo")

    page = body(analyst_client.get("/contacts/", {"q": "Pompei met Suleimani"}))

    assert offers(page) == [("?q=Pompeo+met+Soleimani", "Pompeo met Soleimani")]


def test_excluded_words_prefixes_and_phrases_are_not_respelled(soleimani):
    assert close_names(['-Suleimani Suleiman* "Suleimani said"']) == []


def test_a_word_in_another_script_is_offered_the_name_in_its_script_first(soleimani):
    assert close_names(["سلماني"]) == [("سلماني", "سلیمانی")]
    assert close_names(["Сулеймани"]) == [("Сулеймани", "Soleimani")]


def test_the_offer_respells_every_whole_word_only():
    offered = [("Suleimani", "Soleimani")]

    assert respelled("Suleimanis, suleimani and Suleimani", offered) == (
        "Suleimanis, Soleimani and Soleimani"
    )


def test_one_offer_respells_the_search_and_the_name_filters_together(analyst_client, soleimani):
    PersonFactory(name="Mike Pompeo")

    page = body(analyst_client.get("/contacts/", {"q": "Pompei", "participant": "Suleimani"}))

    assert offers(page) == [("?q=Pompeo&participant=Soleimani", "Pompeo; Participant: Soleimani")]


def test_html_typed_around_the_word_is_shown_as_text(analyst_client, soleimani):
    page = body(analyst_client.get("/statements/", {"q": "<b>Suleimani</b>"}))

    assert offers(page) == [("?q=%3Cb%3ESoleimani%3C%2Fb%3E", "&lt;b&gt;Soleimani&lt;/b&gt;")]
    assert "<b>Soleimani" not in page


def test_a_participant_filter_that_finds_nothing_offers_the_name_it_may_have_meant(
    analyst_client, soleimani
):
    make_contact(soleimani, PersonFactory(name="Mike Pompeo"), summary="A call on the strike.")
    asked = {"participant": "Suleimani", "initiator": "Pompei", "kind": "call", "page": "2"}

    page = body(analyst_client.get("/contacts/", asked))
    url, text = offers(page)[0]

    assert text == "Participant: Soleimani; Initiator: Pompeo"
    assert url == "?kind=call&participant=Soleimani&initiator=Pompeo"


def test_the_offered_participant_finds_their_contacts(analyst_client, soleimani):
    make_contact(soleimani, PersonFactory(name="Mike Pompeo"), summary="A call on the strike.")

    found = body(analyst_client.get("/contacts/", {"participant": "Soleimani"}))

    assert "A call on the strike." in found
    assert "Did you mean" not in found


def test_a_speaker_filter_that_finds_nothing_offers_the_name(analyst_client, soleimani):
    page = body(analyst_client.get("/statements/", {"speaker": "Suleimani"}))

    assert offers(page) == [("?speaker=Soleimani", "Speaker: Soleimani")]


def test_the_people_list_offers_the_name_it_may_have_meant(analyst_client, soleimani):
    page = body(analyst_client.get("/people/", {"name": "Suleimani"}))

    assert "Nobody matches" in page
    assert offers(page) == [("?name=Soleimani", "Name, alias or office: Soleimani")]


def test_a_name_filter_that_finds_rows_offers_nothing(analyst_client, soleimani):
    with CaptureQueriesContext(connection) as queries:
        page = body(analyst_client.get("/people/", {"name": "Soleimani"}))

    assert "Qassem Soleimani" in page
    assert "Did you mean" not in page
    assert not [q for q in queries.captured_queries if "sound_key" in q["sql"]]
