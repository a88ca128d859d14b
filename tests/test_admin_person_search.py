"""The admin's search of people (its list and every person field's autocomplete): each
word typed in a name or an alias, folded, read from the names' trigram indexes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import AliasFactory, CountryFactory, OfficeFactory, PersonFactory

pytestmark = pytest.mark.django_db


def autocomplete(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "contacts",
            "model_name": "participant",
            "field_name": "person",
        },
    )
    assert response.status_code == 200
    return sorted(row["text"] for row in response.json()["results"])


def listed(client, term, **filters):
    response = client.get(reverse("admin:contacts_person_changelist"), {"q": term, **filters})
    assert response.status_code == 200
    return sorted(person.name for person in response.context["cl"].result_list)


def test_each_word_may_be_in_the_name_or_in_an_alias(editor_client):
    person = PersonFactory(name="Mohammad Javad Zarif")
    AliasFactory(person=person, name="FM Zarif")
    PersonFactory(name="Mohammad Bagheri")
    assert autocomplete(editor_client, "FM Mohammad") == ["Mohammad Javad Zarif"]


def test_every_word_must_be_found(editor_client):
    PersonFactory(name="Mike Pompeo")
    PersonFactory(name="Mike Pence")
    assert autocomplete(editor_client, "mike pompeo") == ["Mike Pompeo"]


def test_case_accents_and_hyphens_are_ignored(editor_client):
    PersonFactory(name="François-Philippe Champagne")
    assert autocomplete(editor_client, "FRANCOIS philippe") == ["François-Philippe Champagne"]


def test_names_in_arabic_and_cyrillic_are_found_by_a_part_of_them(editor_client):
    person = PersonFactory(name="Qasem Soleimani")
    AliasFactory(person=person, name="قاسم سلیمانی")
    PersonFactory(name="Владимир Макей")
    assert autocomplete(editor_client, "سلیمانی") == ["Qasem Soleimani"]
    assert autocomplete(editor_client, "макей") == ["Владимир Макей"]


def test_a_word_too_short_for_the_index_still_narrows_the_people_found(editor_client):
    person = PersonFactory(name="Cuso Catefa 0")
    AliasFactory(person=person, name="C. Catefa Jr")
    PersonFactory(name="Cuso Catefa 1")
    assert autocomplete(editor_client, "catefa 0") == ["Cuso Catefa 0"]
    assert autocomplete(editor_client, "catefa jr") == ["Cuso Catefa 0"]


def test_a_short_word_typed_alone_is_looked_for_in_every_name(editor_client):
    PersonFactory(name="Ali Shamkhani")
    AliasFactory(person=PersonFactory(name="Abbas Araghchi"), name="Ali Araghchi")
    PersonFactory(name="Mike Pompeo")
    assert autocomplete(editor_client, "al") == ["Abbas Araghchi", "Ali Shamkhani"]


def test_a_quoted_phrase_is_one_word(editor_client):
    PersonFactory(name="Javad Zarif")
    PersonFactory(name="Zarif Javad")
    assert autocomplete(editor_client, '"javad zarif"') == ["Javad Zarif"]


def test_wildcards_are_read_as_themselves_and_punctuation_alone_finds_no_one(editor_client):
    PersonFactory(name="Mike Pompeo")
    assert autocomplete(editor_client, "%") == []
    assert autocomplete(editor_client, "p_mpeo") == []
    assert autocomplete(editor_client, "pompeo 1%") == []
    assert autocomplete(editor_client, "...") == []


def test_punctuation_beside_other_words_is_not_searched_for(editor_client):
    PersonFactory(name="Abu Mahdi al-Muhandis")
    assert autocomplete(editor_client, "al - muhandis") == ["Abu Mahdi al-Muhandis"]


@pytest.mark.parametrize("term", ["", "   ", '""', "'"])
def test_a_search_of_no_word_lists_everyone(editor_client, term):
    PersonFactory(name="Mike Pompeo")
    PersonFactory(name="Javad Zarif")
    assert listed(editor_client, term) == ["Javad Zarif", "Mike Pompeo"]


def test_the_search_keeps_the_lists_filters(editor_client):
    iran, iraq = CountryFactory(name="Iran"), CountryFactory(name="Iraq")
    PersonFactory(name="Ali Shamkhani", country=iran)
    PersonFactory(name="Ali Allawi", country=iraq)
    assert listed(editor_client, "ali", country__id__exact=iran.pk) == ["Ali Shamkhani"]


def test_a_person_with_several_matching_aliases_is_listed_once(editor_client):
    person = PersonFactory(name="Mike Pompeo")
    AliasFactory(person=person, name="Michael Pompeo")
    AliasFactory(person=person, name="Michael R. Pompeo")
    assert listed(editor_client, "pompeo") == ["Mike Pompeo"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 tables")
def test_sqlite_reads_the_words_from_the_trigram_tables_without_joining_the_aliases(
    editor_client,
):
    PersonFactory(name="Ali Shamkhani")
    with CaptureQueriesContext(connection) as queries:
        assert autocomplete(editor_client, "shamkhani") == ["Ali Shamkhani"]
    searches = [q["sql"] for q in queries.captured_queries if '"contacts_person"' in q["sql"]]
    assert len(searches) == 2  # the count and the page
    sql = " ".join(searches)
    assert "FROM contacts_person_name_key_trigrams WHERE name_key LIKE '%shamkhani%'" in sql
    assert "FROM contacts_personalias_name_key_trigrams WHERE name_key LIKE '%shamkhani%'" in sql
    assert "JOIN" not in sql


def offices(client, term):
    response = client.get(reverse("admin:contacts_officeholding_changelist"), {"q": term})
    assert response.status_code == 200
    return sorted(str(office.title) for office in response.context["cl"].result_list)


def test_offices_are_found_by_their_holders_alias_folded_or_by_their_title(editor_client):
    holder = PersonFactory(name="Mohammad Javad Zarif")
    AliasFactory(person=holder, name="Moḥammad-Javād Ẓarīf Khonsari")
    OfficeFactory(person=holder, title="Foreign Minister")
    OfficeFactory(person=PersonFactory(name="Mike Pompeo"), title="Secretary of State")
    assert offices(editor_client, "khonsari") == ["Foreign Minister"]  # the alias alone
    assert offices(editor_client, "ẓarīf minister") == ["Foreign Minister"]
    assert offices(editor_client, "secretary") == ["Secretary of State"]
    assert offices(editor_client, "zarif secretary") == []
