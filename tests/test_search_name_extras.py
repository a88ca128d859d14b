"""A known name typed with a title, an initial or a first name spelled another way finds the
person as their name alone does ("Secretary Pompeo", "Donald J. Trump", "Sergey Lavrov"),
and words that are not such extras are still required."""

import pytest

from contacts.models import AliasKind, Person, Statement
from contacts.search import matching, search_query
from tests.conftest import body
from tests.factories import AliasFactory, PersonFactory, StatementFactory, make_contact

pytestmark = pytest.mark.django_db


def found(text):
    return set(matching(Statement.objects.all(), text).values_list("text", flat=True))


@pytest.fixture
def people():
    pompeo = PersonFactory(name="Mike Pompeo")
    AliasFactory(person=pompeo, name="Pompeo", kind=AliasKind.SHORT_NAME)
    PersonFactory(name="Sergei Lavrov")
    PersonFactory(name="Donald Trump")
    StatementFactory(text="Pompeo said the strike was lawful.")
    StatementFactory(text="Lavrov warned of the consequences.")
    StatementFactory(text="Sergei Lavrov called his counterpart.")
    StatementFactory(text="Trump said Iran would be hit hard.")
    StatementFactory(text="Iran replied to Pompeo.")


@pytest.mark.parametrize("typed", ["Secretary Pompeo", "Secretary of State Pompeo"])
def test_a_title_before_a_known_name_finds_the_person_without_it(people, typed):
    assert found(typed) == {"Pompeo said the strike was lawful.", "Iran replied to Pompeo."}


def test_an_office_title_lacks_nothing_of_the_name(people):
    assert found("Defence Secretary Pompeo") == found("Pompeo")


def test_an_initial_before_a_known_family_name_finds_the_person():
    PersonFactory(name="Donald Trump")
    StatementFactory(text="Trump said Iran would be hit hard.")

    assert found("Donald J. Trump") == {"Trump said Iran would be hit hard."}


def test_a_first_name_spelled_another_way_finds_the_person(people):
    assert found("Sergey Lavrov") == {
        "Lavrov warned of the consequences.",
        "Sergei Lavrov called his counterpart.",
    }
    assert "Sergei Lavrov" in search_query("Sergey Lavrov").expanded


def test_a_word_that_is_no_part_of_a_name_is_still_required(people):
    assert found("Iran Pompeo") == {"Iran replied to Pompeo."}


def test_two_known_names_side_by_side_are_both_required(people):
    StatementFactory(text="Pompeo and Lavrov spoke by phone.")

    assert found("Pompeo Lavrov") == {"Pompeo and Lavrov spoke by phone."}


def test_another_persons_first_name_before_a_family_name_is_still_required(people):
    assert found("Mike Lavrov") == set()


def test_the_participant_filter_finds_a_person_by_a_first_name_spelled_another_way(
    analyst_client,
):
    lavrov = PersonFactory(name="Sergei Lavrov")
    contact = make_contact(PersonFactory(name="Mike Pompeo"), lavrov)

    response = analyst_client.get("/contacts/", {"participant": "Sergey Lavrov"})

    assert [row.record for row in response.context["table"].page.object_list] == [contact]


def test_the_speaker_filter_finds_a_person_named_with_a_title(analyst_client, people):
    pompeo = Person.objects.get(name="Mike Pompeo")
    StatementFactory(speaker=pompeo, text="We will not hesitate.")

    response = analyst_client.get("/statements/", {"speaker": "Secretary Pompeo"})

    assert "We will not hesitate." in body(response).decode()


def test_the_speaker_filter_with_another_word_before_the_name_finds_no_one(analyst_client, people):
    StatementFactory(speaker=Person.objects.get(name="Mike Pompeo"), text="We will not hesitate.")

    response = analyst_client.get("/statements/", {"speaker": "Iran Pompeo"})

    assert "We will not hesitate." not in body(response).decode()


@pytest.mark.parametrize("word", ["met", "US", "state", "army", "intelligence"])
def test_a_word_a_search_means_before_a_name_is_still_required(people, word):
    assert found(f"{word} Pompeo") == set()


def test_a_first_name_sharing_only_letters_with_the_persons_is_still_required():
    PersonFactory(name="Ivan Petrov")
    StatementFactory(text="Petrov arrived in Moscow.")

    assert found("Iran Petrov") == set()


def test_a_person_filter_drops_a_possessive(analyst_client):
    StatementFactory(speaker=PersonFactory(name="Mike Pompeo"), text="We will not hesitate.")

    page = body(analyst_client.get("/statements/", {"speaker": "Pompeo’s"})).decode()

    assert "We will not hesitate." in page


def test_a_full_name_with_no_other_spelling_is_not_widened_word_by_word():
    PersonFactory(name="Heiko Maas")

    assert search_query("Heiko Maas").expanded == []
