"""The sources' and people's counts are kept by the database (migration 0014) through every
kind of write, and their lists sort by them without counting."""

import importlib
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.integrity import counts_out_of_step
from contacts.models import (
    Citation,
    Participant,
    PersonCounts,
    Source,
    SourceCounts,
    Statement,
)
from contacts.services import merge_people
from tests.factories import (
    CitationFactory,
    ContactFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("contacts.migrations.0014_stored_counts")


def source_counts(source):
    counts = SourceCounts.objects.get(source=source)
    return counts.contacts, counts.statements


def person_counts(person):
    counts = PersonCounts.objects.get(person=person)
    return counts.contacts, counts.statements


def test_a_new_source_and_a_new_person_start_with_zero_counts():
    assert source_counts(SourceFactory()) == (0, 0)
    assert person_counts(PersonFactory()) == (0, 0)


def test_a_contact_citing_a_source_twice_counts_once_and_each_statement_counts():
    source, contact = SourceFactory(), ContactFactory()
    CitationFactory(source=source, contact=contact, excerpt="The two ministers spoke")
    CitationFactory(source=source, contact=contact, excerpt="by phone on Friday.")
    for _ in range(2):
        CitationFactory(source=source, statement=StatementFactory(), excerpt="We talked")

    assert source_counts(source) == (1, 2)


def test_removing_a_citation_recounts_its_source_only_when_its_record_no_longer_cites_it():
    source, contact = SourceFactory(), ContactFactory()
    first = CitationFactory(source=source, contact=contact, excerpt="The two ministers spoke")
    second = CitationFactory(source=source, contact=contact, excerpt="by phone on Friday.")

    first.delete()
    assert source_counts(source) == (1, 0)
    second.delete()
    assert source_counts(source) == (0, 0)


def test_a_citation_moved_to_another_source_in_sql_recounts_both_sources():
    old, new = SourceFactory(), SourceFactory()
    citation = CitationFactory(source=old, contact=ContactFactory())

    Citation.objects.filter(pk=citation.pk).update(source=new)

    assert (source_counts(old), source_counts(new)) == ((0, 0), (1, 0))


def test_editing_a_citations_excerpt_leaves_its_sources_counts_as_they_were():
    source = SourceFactory()
    citation = CitationFactory(source=source, contact=ContactFactory())
    citation.excerpt, citation.note = "The two ministers spoke", "Edited."
    citation.save()
    Citation.objects.filter(pk=citation.pk).update(note="Edited in SQL.")

    assert source_counts(source) == (1, 0)


def test_deleting_a_contact_recounts_the_sources_it_cited():
    source = SourceFactory()
    kept, deleted = (make_contact(PersonFactory(), source=source) for _ in range(2))
    assert source_counts(source) == (2, 0)

    deleted.delete()

    assert source_counts(source) == (1, 0)
    assert kept.citations.get().source == source


def test_citations_inserted_in_one_statement_are_each_counted():
    source = SourceFactory()
    contacts = ContactFactory.create_batch(3)
    Citation.objects.bulk_create(
        Citation(source=source, contact=contact, excerpt="The two ministers spoke")
        for contact in contacts
    )

    assert source_counts(source) == (3, 0)


def test_a_persons_counts_follow_their_participations_and_statements():
    pompeo, raab = PersonFactory(name="Mike Pompeo"), PersonFactory(name="Dominic Raab")
    call = make_contact(pompeo, raab, initiator=pompeo)
    make_contact(pompeo, PersonFactory())
    StatementFactory(speaker=pompeo)
    assert (person_counts(pompeo), person_counts(raab)) == ((2, 1), (1, 0))

    Participant.objects.filter(contact=call, person=raab).update(person=None, description="aide")
    Statement.objects.filter(speaker=pompeo).update(speaker=raab)
    assert (person_counts(pompeo), person_counts(raab)) == ((2, 0), (0, 1))

    call.delete()
    assert person_counts(pompeo) == (1, 0)


def test_merging_two_people_moves_the_duplicates_counts_to_the_person_kept():
    keep, duplicate = PersonFactory(name="Qasem Soleimani"), PersonFactory(name="Qassem Suleimani")
    make_contact(keep, PersonFactory())
    make_contact(duplicate, PersonFactory())
    StatementFactory(speaker=duplicate)

    merge_people(keep=keep, duplicate=duplicate)

    assert person_counts(keep) == (2, 1)


def test_the_migration_fills_the_counts_of_rows_that_existed_before_it():
    source, person = SourceFactory(), PersonFactory()
    make_contact(person, PersonFactory(), source=source)
    CitationFactory(source=source, statement=StatementFactory(speaker=person))
    SourceCounts.objects.all().delete()
    PersonCounts.objects.all().delete()

    with connection.cursor() as cursor:
        for statement in MIGRATION.FILL:
            cursor.execute(statement)

    assert (source_counts(source), person_counts(person)) == ((1, 1), (1, 1))


def test_generated_data_has_its_counts_and_the_triggers_keep_them_afterwards():
    call_command("generate_synthetic", contacts=200, seed=1, verbosity=0)
    cited = Citation.objects.values("source").annotate(
        contacts=Count("contact", distinct=True), statements=Count("statement", distinct=True)
    )
    recounted = {row["source"]: (row["contacts"], row["statements"]) for row in cited}
    kept = SourceCounts.objects.values_list("source", "contacts", "statements")
    assert {source: (c, s) for source, c, s in kept if c or s} == recounted
    assert SourceCounts.objects.count() == Source.objects.count()
    took_part = Participant.objects.exclude(person=None).values("person").annotate(n=Count("pk"))
    spoke = Statement.objects.exclude(speaker=None).values("speaker").annotate(n=Count("pk"))
    people = {(row["person"], "contacts"): row["n"] for row in took_part}
    people |= {(row["speaker"], "statements"): row["n"] for row in spoke}
    for person, contacts, statements in PersonCounts.objects.values_list(
        "person", "contacts", "statements"
    ):
        assert (contacts, statements) == (
            people.get((person, "contacts"), 0),
            people.get((person, "statements"), 0),
        )

    source = Source.objects.order_by("pk").first()
    before = SourceCounts.objects.get(source=source).contacts
    moved = Citation.objects.exclude(contact=None).exclude(contact__citations__source=source)
    moved.filter(pk=moved.values("pk")[:1]).update(source=source)  # the triggers are back
    assert SourceCounts.objects.get(source=source).contacts == before + 1


@pytest.mark.parametrize(
    ("list_name", "factory", "key", "counts"),
    [
        ("source-list", SourceFactory, "title", SourceCounts),
        ("person-list", PersonFactory, "name", PersonCounts),
    ],
)
def test_a_list_sorted_by_contacts_reads_the_stored_counts_in_order(
    analyst_client, list_name, factory, key, counts
):
    records = factory.create_batch(3)
    for count, record in zip((2, 0, 1), records, strict=True):
        for _ in range(count):
            if list_name == "source-list":
                make_contact(PersonFactory(), source=record)
            else:
                make_contact(record)  # alone: no other person counts a contact

    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(reverse(list_name), {"sort": "-contact_count"})

    listed = [getattr(row.record, key) for row in response.context["table"].page.object_list]
    assert listed[:3] == [getattr(records[i], key) for i in (0, 2, 1)]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "COUNT(DISTINCT" not in sql.upper()
    assert counts._meta.db_table in sql


def test_a_source_or_person_deleted_in_sql_or_by_django_takes_its_counts_row_with_it():
    kept_source, kept_person = SourceFactory(), PersonFactory()
    sources, people = SourceFactory.create_batch(2), PersonFactory.create_batch(2)
    sources[0].delete()
    people[0].delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM contacts_source WHERE id = %s", [sources[1].pk])
        cursor.execute("DELETE FROM contacts_person WHERE id = %s", [people[1].pk])

    assert list(SourceCounts.objects.values_list("source", flat=True)) == [kept_source.pk]
    assert list(PersonCounts.objects.values_list("person", flat=True)) == [kept_person.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's concurrent writes")
@pytest.mark.django_db(transaction=True)
def test_two_transactions_citing_one_source_at_once_leave_both_counted():
    """The second waits for the first's lock on the source's counts, then recounts in a
    statement of its own, which sees the first's committed citation."""
    import threading

    import psycopg

    source, first, second = SourceFactory(), ContactFactory(), ContactFactory()
    settings = connection.settings_dict
    params = {key: settings[key.upper()] for key in ("user", "password", "host", "port")}
    params.update(settings["OPTIONS"])
    cite = (
        "INSERT INTO contacts_citation (excerpt, excerpt_digest, date_as_written, note, "
        "contact_id, source_id) VALUES ('The two ministers spoke', 'x', '', '', %s, %s)"
    )
    with (
        psycopg.connect(dbname=settings["NAME"], **params) as one,
        psycopg.connect(dbname=settings["NAME"], **params) as two,
    ):
        one.execute(cite, [first.pk, source.pk])  # its transaction stays open
        waiting = threading.Thread(
            target=lambda: (two.execute(cite, [second.pk, source.pk]), two.commit())
        )
        waiting.start()
        assert blocked_on_a_lock(one, two.info.backend_pid)
        one.commit()
        waiting.join(timeout=10)

    assert source_counts(source) == (2, 0)


def blocked_on_a_lock(observer, pid, seconds=5):
    """Whether the backend `pid` comes to wait for a lock within `seconds`."""
    for _ in range(seconds * 20):
        row = observer.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
        if row and row[0] == "Lock":
            return True
        time.sleep(0.05)
    return False


def test_the_integrity_check_names_a_source_and_a_person_whose_counts_a_write_bypassed():
    source, person = SourceFactory(), PersonFactory()
    make_contact(person, PersonFactory(), source=source)
    SourceCounts.objects.filter(source=source).update(contacts=7)
    PersonCounts.objects.filter(person=person).delete()

    assert list(counts_out_of_step()) == [("Source", source.pk), ("Person", person.pk)]
