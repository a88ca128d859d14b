"""Names and descriptions found by any part of them from trigram indexes (migrations 0025 and
0026), kept in step with every name, alias and description written, changed or deleted."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from contacts.lists.participation import named_participations, people_named, spoken_by
from contacts.migrations import _trigrams
from contacts.models import Participant, Person, PersonAlias, Statement
from contacts.models.statements import DESCRIBED
from contacts.search.substrings import containing, one_described

from .factories import (
    AliasFactory,
    CountryFactory,
    ParticipantFactory,
    PersonFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")


def named(value):
    return sorted(Person.objects.filter(pk__in=people_named(value)).values_list("name", flat=True))


@sqlite_only
def test_sqlite_reads_a_typed_names_people_and_aliases_from_their_trigram_tables():
    PersonFactory(name="Ali Shamkhani")
    with CaptureQueriesContext(connection) as queries:
        assert named("Shamkhani") == ["Ali Shamkhani"]
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "FROM contacts_person_name_key_trigrams WHERE name_key LIKE '%shamkhani%'" in sql
    assert "FROM contacts_personalias_name_key_trigrams WHERE name_key LIKE '%shamkhani%'" in sql
    assert '"name_key" LIKE' not in sql  # no name read through one by one


@postgresql_only
def test_postgresql_answers_a_names_substring_from_its_trigram_index():
    PersonFactory(name="Ali Shamkhani")
    people = Person.objects.filter(containing(Person, ["shamkhani"])).order_by().values("pk")
    aliases = PersonAlias.objects.filter(containing(PersonAlias, ["shamkhani"]))
    aliases = aliases.order_by().values("pk")
    with connection.cursor() as cursor:
        # Tables this small are read whole, or through a B-tree in their order; a bitmap
        # scan (the only kind a GIN index gives) is all that is left.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        for query, index in [
            (people, "contacts_person_name_key_trigrams"),
            (aliases, "contacts_personalias_name_key_trigrams"),
        ]:
            sql, params = query.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            assert index in " ".join(row[0] for row in cursor.fetchall())


def test_a_renamed_person_is_found_by_the_new_name_and_no_longer_by_the_old():
    person = PersonFactory(name="Ali Shamkhani")
    person.name = "Ali Akbar Ahmadian"
    person.save()
    assert named("Ahmadian") == ["Ali Akbar Ahmadian"]
    assert named("Shamkhani") == []


def test_an_alias_added_is_found_and_one_deleted_no_longer():
    person = PersonFactory(name="Qasem Soleimani")
    alias = AliasFactory(person=person, name="Ghassem Soleimani")
    assert named("Ghassem") == ["Qasem Soleimani"]
    alias.delete()
    assert named("Ghassem") == []


def test_a_deleted_person_is_no_longer_found():
    PersonFactory(name="Ali Shamkhani").delete()
    assert named("Shamkhani") == []


def test_names_in_arabic_and_cyrillic_script_are_found_by_a_part_of_them():
    person = PersonFactory(name="Vladimir Makei")
    AliasFactory(person=person, name="Уладзімір Макей")
    AliasFactory(person=person, name="فلاديمير ماكي")
    assert named("Макей") == ["Vladimir Makei"]
    assert named("ماكي") == ["Vladimir Makei"]


def test_an_underscore_or_percent_in_a_key_is_matched_as_itself_not_as_a_wildcard():
    PersonFactory(name="Agent_Smith")
    PersonFactory(name="Agent Smith")  # "_" as a wildcard would match the space
    PersonFactory(name="Fifty % Man")
    PersonFactory(name="Tony Blair Mann")  # "%" as a wildcard would match "blair"
    with CaptureQueriesContext(connection) as queries:
        assert named("agent_smith") == ["Agent_Smith"]
        assert named("y % m") == ["Fifty % Man"]
    assert "_trigrams" not in " ".join(q["sql"] for q in queries.captured_queries)


def test_a_key_of_two_letters_is_compared_with_each_name_not_asked_of_the_index():
    PersonFactory(name="Wang Yi")
    PersonFactory(name="Javad Zarif")
    with CaptureQueriesContext(connection) as queries:
        assert named("Yi") == ["Wang Yi"]
    assert "_trigrams" not in " ".join(q["sql"] for q in queries.captured_queries)


def test_several_keys_find_the_people_holding_any_of_them():
    PersonFactory(name="Sergey Lavrov")
    PersonFactory(name="Sergei Ryabkov")
    PersonFactory(name="Javad Zarif")
    found = Person.objects.filter(containing(Person, ["sergey", "sergei", ""]))
    assert sorted(p.name for p in found) == ["Sergei Ryabkov", "Sergey Lavrov"]
    assert not Person.objects.filter(containing(Person, [""])).exists()


def unnamed(description, person=None):
    """An unnamed counterpart so described, in a contact of its own."""
    contact = make_contact(PersonFactory())
    country = CountryFactory()
    return ParticipantFactory(
        contact=contact, person=person, description=description, country=country
    )


def described_participants(value):
    rows, _ = named_participations(value)
    return sorted(rows.filter(person=None).values_list("description", flat=True))


def any_described(model, column, text, rows):
    """Whether the look-up of one described row (read from the trigram index) finds one."""
    sql, params = one_described(model, column, text, rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bool(cursor.fetchall())


def any_counterpart(text):
    return any_described(Participant, "description", text, Q(person=None))


def any_speaker(text):
    return any_described(Statement, "speaker_description", text, DESCRIBED)


def speakers_described(value):
    return sorted(
        Statement.objects.filter(spoken_by(value)).values_list("speaker_description", flat=True)
    )


def test_an_unnamed_counterpart_is_found_by_a_part_of_its_description_in_any_case():
    unnamed("his French counterpart")
    unnamed("an Iraqi official")
    assert described_participants("FRENCH") == ["his French counterpart"]


def test_a_counterpart_described_anew_is_found_by_the_new_description_only():
    participant = unnamed("his French counterpart")
    participant.description = "his German counterpart"
    participant.save()
    assert described_participants("German") == ["his German counterpart"]
    assert any_counterpart("German") and not any_counterpart("French")


def test_a_counterpart_later_named_or_deleted_is_no_longer_found_by_its_description():
    later_named = unnamed("his French counterpart")
    unnamed("her Italian counterpart").delete()
    later_named.person = PersonFactory(name="Jean-Yves Le Drian")
    later_named.save()
    assert not any_counterpart("French") and not any_counterpart("Italian")
    assert described_participants("French") == described_participants("Italian") == []


def test_a_speaker_described_anew_is_found_by_the_new_description_only():
    statement = StatementFactory(speaker=None, speaker_description="a senior US official")
    StatementFactory(speaker=None, speaker_description="an Iraqi spokesman")
    assert speakers_described("us official") == ["a senior US official"]
    statement.speaker_description = "a State Department spokesperson"
    statement.save()
    assert speakers_described("US official") == [] and not any_speaker("US official")
    assert speakers_described("spokes") == ["a State Department spokesperson", "an Iraqi spokesman"]


@sqlite_only
def test_sqlite_looks_for_a_described_counterpart_in_the_descriptions_trigram_table():
    unnamed("his French counterpart")
    sql, _ = one_described(Participant, "description", "French", Q(person=None))
    assert sql.startswith("SELECT rowid FROM contacts_participant_description_trigrams")
    assert any_counterpart("french") and not any_counterpart("german")


@postgresql_only
def test_postgresql_indexes_the_descriptions_as_the_query_compares_them():
    """The trigram indexes hold the expression and condition of the query as Django writes
    it, so that the planner may read them (at 1,000,000 contacts it does: 0.2 ms; in tables
    this small it reads the table or a B-tree)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE %s",
            ["%description_trigrams"],
        )
        indexes = dict(cursor.fetchall())
    for model, column, rows, condition in [
        (Participant, "description", Q(person=None), "WHERE (person_id IS NULL)"),
        (Statement, "speaker_description", DESCRIBED, "WHERE ((speaker_description)::text <> ''"),
    ]:
        definition = indexes[f"{model._meta.db_table}_{column}_trigrams"]
        assert f"gin (upper(({column})::text) gin_trgm_ops) {condition}" in definition
        sql, _ = one_described(model, column, "French", rows)
        assert f'UPPER("{model._meta.db_table}"."{column}"::text) LIKE UPPER(' in sql


@sqlite_only
def test_every_trigram_index_has_its_three_triggers_after_the_migrations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    expected = {
        f"{table}_{column}_trigrams_{name}"
        for table, column, *_ in _trigrams.INDEXED
        for name in _trigrams.TRIGGERS
    }
    assert len(expected) == 12 and expected <= triggers


def indexed_ids(table, column):
    """The ids SQLite's trigram table holds (an external content table's `_docsize`)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table}_{column}_trigrams_docsize ORDER BY id")
        return [pk for (pk,) in cursor.fetchall()]


def ids_selected(table, where):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE {where.format(row=table)} ORDER BY id")
        return [pk for (pk,) in cursor.fetchall()]


@sqlite_only
def test_each_trigram_table_holds_exactly_its_rows_after_writes_edits_and_deletes():
    people = PersonFactory.create_batch(3)
    alias = AliasFactory(person=people[0], name="Ghassem Soleimani")
    alias.name = "Qassem Soleimani"
    alias.save()
    AliasFactory(person=people[1], name="Makei").delete()
    to_name, to_unname = unnamed("his French counterpart"), unnamed("Zarif", person=people[2])
    to_name.person = people[1]
    to_name.save()
    to_unname.person, to_unname.description = None, "the Iranian minister"
    to_unname.save()
    unnamed("an Iraqi official").delete()
    cleared, kept = StatementFactory.create_batch(
        2, speaker=None, speaker_description="a spokesman"
    )
    cleared.speaker, cleared.speaker_description = people[0], ""
    cleared.save()
    kept.speaker_description = "a senior US official"
    kept.save()
    people[2].delete()  # with its participations
    for table, column, where, _ in _trigrams.INDEXED:
        assert indexed_ids(table, column) == ids_selected(table, where), table
    assert any_counterpart("Iranian") and any_speaker("senior") and not any_speaker("spokesman")


@sqlite_only
def test_generated_data_is_indexed_after_the_load_with_the_triggers_put_back():
    from django.core.management import call_command

    call_command("generate_synthetic", contacts=60, seed=2, verbosity=0)
    for table, column, where, _ in _trigrams.INDEXED:
        assert indexed_ids(table, column) == ids_selected(table, where), table
    assert len(indexed_ids("contacts_person", "name_key")) > 1
    test_every_trigram_index_has_its_three_triggers_after_the_migrations()
    person = Person.objects.first()
    assert named(person.name) == [person.name]


@pytest.mark.django_db(transaction=True)
def test_the_description_migration_indexes_the_descriptions_already_there():
    from .test_contact_search_document import migrate

    participant = unnamed("his French counterpart")
    StatementFactory(speaker=None, speaker_description="a senior US official")
    migrate("0025_name_trigrams")  # before the descriptions' index
    migrate()
    assert described_participants("French") == [participant.description]
    assert any_counterpart("French") and any_speaker("senior")
    assert speakers_described("senior") == ["a senior US official"]


@pytest.mark.django_db(transaction=True)
def test_the_trigram_migration_indexes_the_names_already_there():
    from .test_contact_search_document import migrate

    old = migrate("0024_statement_described")  # before the trigram index
    try:
        person = old.get_model("contacts", "Person").objects.create(
            name="Hassan Rouhani", slug="hassan-rouhani", name_key="hassan rouhani"
        )
        old.get_model("contacts", "PersonAlias").objects.create(
            person_id=person.pk, name="Hasan Ruhani", name_key="hasan ruhani"
        )
    finally:
        migrate()
    assert named("rouhan") == named("ruhani") == ["Hassan Rouhani"]
    PersonFactory(name="Ebrahim Raisi")  # written after the migration: its triggers work
    assert named("raisi") == ["Ebrahim Raisi"]
