"""PostgreSQL searches a phrase once per distinct form it takes in the text search
configurations (migration 0018), not once per configuration: most words read alike in
most of them, and each copy was another scan of the GIN index. A form only German, French,
or Spanish stemming gives is searched in those languages' texts (migration 0020)."""

import pytest
from django.db import connection

from contacts.models import Statement
from contacts.search import matching
from tests.factories import StatementFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's text search"),
]


def phrase_query(words):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tracker_phrase_query(%s)::text", [words])
        return cursor.fetchone()[0]


def test_each_form_of_a_phrase_is_searched_once():
    query = phrase_query("Zarvoni ministers")
    forms = query.split(" | '")
    assert len(forms) == len(set(forms))
    assert query.startswith("'zarvoni' <-> 'minist' | ")  # English, stemmed: in every text
    assert query.endswith("| 'zarvoni' <-> 'ministers'")  # as written (no stemming): everywhere
    # the French stem only in French texts (migration 0020)
    assert "'zarvon' <-> 'minister' & 'ǁfr'" in query


def test_a_word_every_configuration_reads_alike_is_a_single_term():
    assert phrase_query("Qom") == "'qom'"


def test_a_phrase_of_no_words_is_an_empty_query():
    assert phrase_query(" -- ") == ""


def test_a_phrase_finds_its_word_forms_in_its_order_only():
    plural = StatementFactory(text="Zarvoni ministers met.")
    singular = StatementFactory(text="The Zarvoni minister met.")
    StatementFactory(text="The ministers of Zarvoni met.")
    found = matching(Statement.objects.all(), '"Zarvoni ministers"')
    assert set(found.values_list("pk", flat=True)) == {plural.pk, singular.pk}


# The function as migration 0003 made it: every configuration's reading ORed, copies too.
EACH_CONFIGURATION = " || ".join(
    f"phraseto_tsquery('{name}'::regconfig, %s)"
    for name in ("tracker_en_ru", "tracker_german", "tracker_french", "tracker_spanish")
    + ("tracker_simple",)
)
AWKWARD = [
    "O'Brien's talks",
    "a\\b c:d",
    "de-escalation",
    "/var/log/x.txt",
    "Qassem Soleimani",
    "قاسم سلیمانی",
    "Макею звонил",
    "l'été à Genève",
    "Müller's Gespräche",
]


@pytest.mark.parametrize("words", AWKWARD)
def test_a_phrase_finds_itself_in_any_language_and_only_what_each_configuration_ored_did(words):
    texts = [words, f"Before {words} after.", words.upper(), "Unrelated words only."]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t, l, tracker_search_document(l, t) @@ tracker_phrase_query(%s), "
            f"tracker_search_document(l, t) @@ ({EACH_CONFIGURATION}) "
            "FROM unnest(%s::text[]) AS t, unnest(%s::text[]) AS l",
            [words, *[words] * 5, texts, ["en", "de", "fr", "es", "ar"]],
        )
        rows = cursor.fetchall()
    assert all(old for _, _, new, old in rows if new)  # never more than before
    assert all(new for text, _, new, _ in rows if text in texts[:3])  # the phrase, found
    assert not any(new for text, _, new, _ in rows if text == texts[3])


def test_no_words_is_no_query():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tracker_phrase_query(NULL) IS NULL")
        assert cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_undoing_the_migration_brings_back_each_configurations_copy():
    from .test_contact_search_document import migrate

    try:
        migrate("0017_family_key_partial_index")
        assert phrase_query("Qom") == " | ".join(["'qom'"] * 5)
    finally:
        migrate()
    assert phrase_query("Qom") == "'qom'"
