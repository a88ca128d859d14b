"""Full-text search: word forms, names in any spelling or script, query syntax (issue 13).

The queries are those of the issue, against the seed fixtures; each test runs on SQLite
and on PostgreSQL.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contacts.lists.filters import ContactFilter, StatementFilter
from contacts.models import AliasKind, Citation, Contact, Source, Statement
from contacts.search import count_matches, expansions, matching, ranked, search_query, snippet
from contacts.search.names import CANDIDATE_ROWS, Lookup
from contacts.search.syntax import Word, parse
from tests.factories import (
    AliasFactory,
    CitationFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

RAAB = "we urge all parties to de-escalate"


def statements(q, **data):
    rows = StatementFilter({"q": q, **data}, queryset=Statement.objects.all()).qs
    return list(rows.values_list("text", flat=True))


def contacts(q, **data):
    rows = ContactFilter({"q": q, **data}, queryset=Contact.objects.all()).qs
    return list(rows.values_list("summary", flat=True))


def holding(texts, words):
    return [text for text in texts if words.lower() in text.lower()]


@pytest.mark.parametrize("q", ["de-escalation", "deescalation", "de escalation", "escalat*"])
def test_every_spelling_of_de_escalation_finds_raabs_urge_to_de_escalate(seeded, q):
    assert holding(statements(q), RAAB)


def test_de_escalation_and_de_escalate_find_the_same_statements(seeded):
    assert sorted(statements("de-escalation")) == sorted(statements("de-escalate"))
    assert len(statements("de-escalation")) == 8


@pytest.mark.parametrize(
    "q, said",
    [
        ("retaliation", "decision not to retaliate"),
        ("threatening", "Threatened the United States"),
        ("assassinated", 'an "assassination"'),
        ("Americans", "protect American interests"),
    ],
)
def test_a_word_finds_its_other_forms(seeded, q, said):
    assert holding(statements(q), said)


@pytest.mark.parametrize("q", ["Qasem", "Qassem", "Soleimani", "قاسم سلیمانی"])
def test_any_name_of_soleimani_finds_the_statements_and_contacts_about_him(seeded, q):
    found = statements(q)
    assert len(found) == 19
    assert holding(found, "Ordered three days of state mourning for General Soleimani")
    assert len(contacts(q)) == 7


def test_the_other_spellings_searched_are_listed(seeded):
    also = expansions("Qasem")
    assert {"Qassem Soleimani", "قاسم سلیمانی", "Soleimani"} <= set(also)
    assert "Qasem" not in also


def test_without_expansion_only_the_typed_spelling_is_searched(seeded):
    assert statements("Qasem", expand="0") == []
    assert not matching(Statement.objects.all(), "Qasem", expand=False).exists()


def test_an_organisation_is_found_under_any_of_its_names(seeded):
    assert "Quds Force" in expansions("Qods")
    assert holding(statements("Qods"), "Iranian Quds force led by Qassem Soleimani")


def test_the_names_a_search_may_hold_are_looked_up_in_one_query(seeded, django_assert_num_queries):
    with django_assert_num_queries(1):  # people, their aliases and organisations together
        also = expansions("Qasem Qods Pompeo")
    assert {"Qassem Soleimani", "قاسم سلیمانی", "Quds Force", "Mike Pompeo"} <= set(also)


def test_a_first_word_with_like_wildcards_names_only_whom_it_spells(db):
    PersonFactory(name="Jolan Varsky")
    orvat = PersonFactory(name="J_lan% Orvat")
    assert Lookup(["J_lan%"]).found == {"J_lan%": ("person", orvat.pk)}
    # The rows the database returns as matched: "_" is a letter here, not any letter (an
    # unescaped LIKE 'j_lan %' on PostgreSQL would return Jolan Varsky's), nor "%" any letters
    assert Lookup(["J_lan"]).people == []
    assert Lookup(["J%"]).people == []


def test_a_persons_other_spellings_are_listed_with_their_name_first(db):
    makei = PersonFactory(name="Vladimir Makei")
    AliasFactory(person=makei, name="Владимир Макей", kind=AliasKind.NATIVE_SCRIPT)
    AliasFactory(person=makei, name="Uladzimir Makey", kind=AliasKind.TRANSLITERATION)
    AliasFactory(person=makei, name="Макей", kind=AliasKind.SHORT_NAME)
    assert expansions("Макей")[0] == "Vladimir Makei"
    also = {"Vladimir Makei", "Владимир Макей", "Макей"}
    assert set(expansions("Uladzimir Makey")) == also


def test_a_family_name_alone_names_the_person_and_finds_their_other_spellings(db):
    person = PersonFactory(name="Hassan Vostrani")
    AliasFactory(person=person, name="حسن وسترانی")
    StatementFactory(text="حسن وسترانی said so.")
    assert "Hassan Vostrani" in expansions("Vostrani")
    assert matching(Statement.objects.all(), "Vostrani").count() == 1
    assert search_query("Vostrani").people == ["Hassan Vostrani"]


def test_someone_whose_name_is_the_word_is_named_before_anyone_whose_last_word_it_is(db):
    quillet = PersonFactory(name="Dorvan Quillet")
    AliasFactory(person=quillet, name="Quillet", kind=AliasKind.SHORT_NAME)
    PersonFactory(name="Eric Quillet")
    assert search_query("Quillet").people == ["Dorvan Quillet"]


def test_a_family_name_two_people_share_names_neither(db):
    PersonFactory(name="Hassan Vostrani")
    PersonFactory(name="Leila Vostrani")
    assert expansions("Vostrani") == [] and search_query("Vostrani").people == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Hassan Rouhani", "rouhani"),
        ("Rouhani", None),
        ("Cuso Catefa 0", None),
        ("Al Jr", None),
        ("John Smith III", None),
    ],
)
def test_a_family_key_is_a_last_word_of_three_letters_or_more_not_a_number_nor_a_suffix(
    db, name, key
):
    assert PersonFactory(name=name).family_key == key


def test_a_quoted_phrase_matches_its_words_in_order_only(seeded):
    assert holding(statements('"urge all parties"'), RAAB)
    assert not statements('"parties all urge"')


def test_an_excluded_word_removes_the_rows_holding_it(seeded):
    with_raab = statements("de-escalation")
    without = statements("de-escalation -Raab")
    assert not holding(without, "Raab") and len(without) < len(with_raab)


def test_or_accepts_either_word(seeded):
    either = statements("morose OR lockstep")
    assert holding(either, "morose") and holding(either, "lockstep")
    assert statements("morose lockstep") == []


def test_the_index_alone_counts_what_the_list_shows(seeded):
    for q in ["de-escalation", "Qasem", "escalat*", '"urge all parties"', "Iran -Soleimani"]:
        assert count_matches(Statement, q, 10_000) == len(statements(q)), q


def test_the_articles_are_searched_by_title_and_text(seeded):
    by_text = matching(Source.objects.all(), "Bajwa")
    assert [source.slug for source in by_text] == ["004-us-reaches-out-to-allies"]
    assert matching(Source.objects.all(), "headline").count() == 1  # in a title only
    assert matching(Source.objects.all(), "Qasem").count() == 5


def test_relevance_ranks_the_row_that_matches_best_first(db):
    StatementFactory(text="A call about tariffs, then the weather.")
    StatementFactory(text="Tariffs, tariffs and tariffs: the tariff war.")
    rows = ranked(matching(Statement.objects.all(), "tariff"), "tariff").order_by("-relevance")
    assert [row.text for row in rows][0].startswith("Tariffs, tariffs")


def test_a_contact_search_for_makei_finds_his_name_in_any_script_and_case(db):
    makei = PersonFactory(name="Vladimir Makei")
    AliasFactory(person=makei, name="Владимир Макей", kind=AliasKind.NATIVE_SCRIPT)
    for name in ("Makei", "Макей"):
        AliasFactory(person=makei, name=name, kind=AliasKind.SHORT_NAME)
    russian = SourceFactory(language="ru", text="Лавров позвонил Макею.")
    make_contact(PersonFactory(), makei, source=russian, summary="Лавров позвонил Макею.")
    make_contact(PersonFactory(), PersonFactory(), summary="Лавров позвонил Макееву.")
    for q in ("Макей", "Makei", "Макею"):
        assert contacts(q) == ["Лавров позвонил Макею."], q


@pytest.mark.parametrize(
    "language, said, q",
    [
        ("de", "Die Verhandlungen dauern an.", "Verhandlung"),
        ("fr", "Les négociations continuent.", "négocier"),
        ("es", "Lo amenazaron de nuevo.", "amenazar"),
    ],
)
def test_a_statement_is_stemmed_in_its_own_language(db, language, said, q):
    StatementFactory(text=said, language=language)
    StatementFactory(text=said, language="en")
    found = matching(Statement.objects.all(), q)
    assert [statement.language for statement in found] == [language]


def test_a_contact_is_searched_in_the_language_of_its_first_source(db):
    german = SourceFactory(language="de", text="Sie trafen sich in Berlin.")
    make_contact(PersonFactory(), PersonFactory(), source=german, summary="Die Verhandlungen.")
    CitationFactory(source=german, excerpt="Verhandlungen", statement=StatementFactory())
    assert matching(Contact.objects.all(), "Verhandlung").exists()
    assert matching(Citation.objects.all(), "Verhandlung").exists()
    german.language = "en"
    german.save()
    assert not matching(Contact.objects.all(), "Verhandlung").exists()
    assert not matching(Citation.objects.all(), "Verhandlung").exists()


DEPENDENTS = {
    "contacts_contact": [
        ("contacts_participant", "contact_id"),
        ("contacts_citation", "contact_id"),
    ],
    "contacts_source": [("contacts_citation", "source_id")],
}


@pytest.mark.parametrize(
    "table, column, model",
    [
        ("contacts_statement", "text", Statement),
        ("contacts_contact", "summary", Contact),
        ("contacts_citation", "excerpt", Citation),
        ("contacts_source", "text", Source),
    ],
)
def test_the_database_keeps_the_index_current_whatever_writes(db, table, column, model):
    make_contact(PersonFactory(), PersonFactory())
    StatementFactory()
    row = model.objects.order_by("-pk").first()  # this test's, not the seed's
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", ["Zebras", row.pk])
        assert list(matching(model.objects.all(), "zebra")) == [row]
        for dependent, key in DEPENDENTS.get(table, []):
            cursor.execute(f"DELETE FROM {dependent} WHERE {key} = %s", [row.pk])
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])
    assert not matching(model.objects.all(), "zebra").exists()


def test_a_snippet_marks_the_matched_words_in_escaped_text():
    text = "<b>Raab</b> said: “Following his death, we urge all parties to de-escalate.”"
    shown = snippet(text, "de-escalation")
    assert "<mark>de-escalate</mark>" in shown and "&lt;b&gt;Raab&lt;/b&gt;" in shown


def test_a_snippet_shows_about_thirty_words_around_the_first_match():
    words = [f"word{n}" for n in range(100)]
    shown = snippet(" ".join(words[:60] + ["needle"] + words[60:]), "needle")
    assert shown.startswith("… word52") and shown.endswith("…")
    assert "<mark>needle</mark>" in shown and len(shown.split()) == 32


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80) | st.from_regex(r'[-"*() A-Za-z:^]{0,30}( OR )?[-"*\w ]*'))
def test_no_search_text_is_an_error(db, text):
    query = text.replace("\x00", "")
    for model in (Statement, Contact, Source):
        assert matching(model.objects.all(), query).count() >= 0
        assert count_matches(model, query, 100) >= 0
        list(ranked(matching(model.objects.all(), query), query).values_list("relevance"))
    assert isinstance(expansions(query), list)
    assert isinstance(snippet(text, query), str)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite ranking")
def test_sqlite_ranks_every_match_in_one_pass_not_one_index_query_per_row(db):
    for text in ("tariff talks", "tariffs and more tariffs", "no match"):
        StatementFactory(text=text)
    with CaptureQueriesContext(connection) as captured:
        rows = list(ranked(matching(Statement.objects.all(), "tariff"), "tariff"))
    page_query = captured.captured_queries[-1]["sql"]
    assert len(rows) == 2 and "temp.contacts_statement_relevance" in page_query
    assert "bm25" not in page_query and "rank FROM contacts_statement_fts" not in page_query


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite prefixes")
def test_a_prefix_stands_for_the_indexed_words_it_starts_and_stays_a_prefix_past_64(db):
    from contacts.search import search_query
    from contacts.search.expressions import fts5

    security = StatementFactory(text="Security talks")
    zetas = [StatementFactory(text=f"word zqeta{number:02d}") for number in range(70)]
    mine = Statement.objects.filter(pk__in=[security.pk, *(zeta.pk for zeta in zetas)])
    fts = "contacts_statement_fts"
    assert '"security"' in fts5(search_query("secur*"), fts)
    assert '"zqeta" *' in fts5(search_query("zqeta*"), fts)  # 70 words start so
    assert list(matching(mine, "secur*")) == [security]
    assert matching(mine, "zqeta*").count() == 70


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite prefixes")
def test_a_prefix_lists_each_indexed_word_it_starts_once_in_order_and_no_other(db):
    from contacts.search.prefixes import terms_starting

    for text in ["zqa"] * 5 + ["zqab zqab", "zqb", "zqc1 zqa", "zr zq"]:
        StatementFactory(text=text, language="xx")  # no stemming
    fts = "contacts_statement_fts"
    assert terms_starting(fts, "zq") == ["zq", "zqa", "zqab", "zqb", "zqc1"]
    assert terms_starting(fts, "zqa") == ["zqa", "zqab"]
    assert terms_starting(fts, "zqd") is None
    with connection.cursor() as cursor:  # read term by term, not counted posting by posting
        cursor.execute("SELECT sql FROM sqlite_temp_master WHERE name = %s", [f"{fts}_vocabulary"])
        assert "'instance'" in cursor.fetchone()[0]


def test_a_persons_every_spelling_is_read_again_when_the_candidates_are_cut(
    db, django_assert_num_queries
):
    person = PersonFactory(name="Qasim Zulaimani")
    for number in range(CANDIDATE_ROWS + 5):
        AliasFactory(person=person, name=f"Spelling {number}", kind=AliasKind.SPELLING)
    with django_assert_num_queries(2):  # the candidates, cut; then every spelling of his
        lookup = Lookup({"Qasim Zulaimani"})
        spellings = lookup.spellings()[("person", person.pk)]
    assert lookup.cut and lookup.found == {"Qasim Zulaimani": ("person", person.pk)}
    assert spellings[0] == "Qasim Zulaimani" and len(spellings) == CANDIDATE_ROWS + 6


def test_an_organisation_is_not_crowded_out_by_many_people_of_a_common_name(db):
    OrganisationFactory(name="Zulfiqar Brigade", other_names="Dhulfiqar Brigade")
    for number in range(CANDIDATE_ROWS + 10):
        PersonFactory(name=f"Ali Person{number}")
    assert "Dhulfiqar Brigade" in expansions("Zulfiqar Brigade Ali")


def test_a_count_remembered_to_a_smaller_cap_is_not_reused_for_a_larger_one(db):
    StatementFactory.create_batch(5, text="They spoke of tariffs.")
    query = search_query("tariff")
    query.counted["contacts_statement"] = (3, 2)  # counted to a cap of 2: "more than 2"
    assert count_matches(Statement, query, 10) == 5  # counted again
    assert count_matches(Statement, query, 2) == 3  # reused: cap + 1
    query.counted["contacts_statement"] = (4, None)  # every match, as a rare word's
    assert count_matches(Statement, query, 10) == 4


@pytest.mark.parametrize("dash", ["-", "--", "\u2013", "\u2014", "\u2212"])
def test_a_dash_a_word_processor_makes_of_a_minus_still_excludes_the_word(dash):
    query = parse(f"Pompeo {dash}Raab", expand=False)

    assert query.groups == [[Word("Pompeo")]]
    assert Word("Raab") in query.excluded


def test_a_dash_between_spaced_words_excludes_nothing():
    assert parse("Iran \u2013 Iraq", expand=False).excluded == []


def test_a_single_word_in_quotes_is_searched_as_typed_not_widened(db):
    AliasFactory(person=PersonFactory(name="Javad Zarifzadeh"), name="Джавад Зарифзаде")
    StatementFactory(text="Джавад Зарифзаде прилетел в Лондон.")

    def found(text):
        return matching(Statement.objects.all(), text).filter(text__contains="Зариф").count()

    assert search_query('"Zarifzadeh"').expanded == []
    assert (found('"Zarifzadeh"'), found("Zarifzadeh")) == (0, 1)
