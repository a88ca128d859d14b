"""English word forms no stemmer joins: a verb's irregular forms ("tell" finds "told", "met"
finds "meet") and British and American spellings ("defence" finds "defense"), from spaCy's
English model."""

import pytest

from contacts.models import Statement
from contacts.search import matching, search_query
from contacts.search.variants import forms_of
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def found(text):
    return set(matching(Statement.objects.all(), text).values_list("text", flat=True))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("tell", "Pompeo told Lavrov to stand down."),
        ("told", "Raab will tell Zarif directly."),
        ("met", "The envoys meet in Geneva."),
        ("spoke", "Maas has spoken with his counterpart."),
        ("say", "Officials said the strike was lawful."),
        ("defence", "The strike was an act of self-defense."),
        ("defense", "Article 51 covers self-defence."),
        ("recognized", "The UK recognised the threat."),
        ("criticised", "Corbyn criticized the strike."),
        ("destabilising", "A destabilizing act, Maas said."),
        ("labor", "The Labour Party asked for a vote."),
    ],
)
def test_a_word_finds_its_irregular_verb_forms_and_its_other_spelling(typed, stored):
    StatementFactory(text=stored)
    StatementFactory(text="Nothing of the kind here.")

    assert found(typed) == {stored}


def test_excluding_a_verb_excludes_its_irregular_forms():
    StatementFactory(text="Officials said the strike was lawful.")
    StatementFactory(text="Officials denied the report.")

    assert found("Officials -say") == {"Officials denied the report."}


def test_a_word_with_a_capital_is_taken_for_a_name_not_a_verb_form():
    assert forms_of("rose") == ("rise", "risen")
    assert forms_of("Rose") == ()


def test_a_quoted_word_is_searched_only_as_typed():
    StatementFactory(text="Pompeo told Lavrov to stand down.")

    assert found("tell") and found('"tell"') == set()


def test_searching_only_what_was_typed_adds_no_other_form():
    StatementFactory(text="Pompeo told Lavrov to stand down.")

    assert search_query("tell", expand=False).expanded == []
    assert not matching(Statement.objects.all(), search_query("tell", expand=False)).exists()


def test_the_other_forms_searched_are_said():
    assert search_query("tell").expanded == ["told"]


def test_two_words_written_apart_still_find_them_written_as_one():
    StatementFactory(text="The takeover of the embassy was repelled.")

    assert found("take over") == {"The takeover of the embassy was repelled."}


def test_a_verb_of_many_forms_is_left_alone():
    assert forms_of("was") == forms_of("be") == ()


def test_a_word_whose_norm_is_another_word_gets_no_other_spelling():
    assert forms_of("colour") == ("color",)  # the norms are read
    assert forms_of("cos") == ()
