"""Names found by any part of them from a trigram index (migration 0025), kept in step with
every name and alias written, renamed or deleted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.lists.participation import people_named
from contacts.models import Person, PersonAlias
from contacts.search.substrings import containing

from .factories import AliasFactory, PersonFactory

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
    assert "FROM contacts_person_names WHERE name_key LIKE '%shamkhani%'" in sql
    assert "FROM contacts_personalias_names WHERE name_key LIKE '%shamkhani%'" in sql
    assert '"name_key" LIKE' not in sql  # no name read through one by one


@postgresql_only
def test_postgresql_answers_a_names_substring_from_its_trigram_index():
    PersonFactory(name="Ali Shamkhani")
    people = Person.objects.filter(containing(Person, ["shamkhani"])).values("pk")
    aliases = PersonAlias.objects.filter(containing(PersonAlias, ["shamkhani"])).values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small is read whole
        for query, index in [
            (people, "contacts_person_name_trigrams"),
            (aliases, "contacts_personalias_name_trigrams"),
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


def test_a_key_of_two_letters_is_matched_without_the_index_and_still_found():
    PersonFactory(name="Wang Yi")
    PersonFactory(name="Javad Zarif")
    assert named("Yi") == ["Wang Yi"]


def test_an_underscore_or_percent_in_a_key_is_matched_as_itself_not_as_a_wildcard():
    PersonFactory(name="Agent_Smith")
    PersonFactory(name="Agentx Smith")
    PersonFactory(name="Fifty % Man")
    assert named("agent_smith") == ["Agent_Smith"]
    assert named("y % m") == ["Fifty % Man"]


def test_several_keys_find_the_people_holding_any_of_them():
    PersonFactory(name="Sergey Lavrov")
    PersonFactory(name="Sergei Ryabkov")
    PersonFactory(name="Javad Zarif")
    found = Person.objects.filter(containing(Person, ["sergey", "sergei", ""]))
    assert sorted(p.name for p in found) == ["Sergei Ryabkov", "Sergey Lavrov"]
    assert not Person.objects.filter(containing(Person, [""])).exists()


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
