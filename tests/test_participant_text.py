"""A contact's participants kept on its row (`Contact.participant_text`), so that the pages
and the exports read the contacts' table alone: kept in step with every edit."""

import csv
import importlib
import io
import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.aggregates import parse
from contacts.models import Contact, Participant
from contacts.models.contacts import CELLS
from contacts.services import merge_people

from .conftest import body
from .factories import CountryFactory, ParticipantFactory, PersonFactory, make_contact

pytestmark = pytest.mark.django_db


def exported(client):
    """The contacts CSV as {key: row}."""
    text = body(client.get("/contacts/", {"_export": "csv"})).decode("utf-8-sig")
    return {row["Key"]: row for row in csv.DictReader(io.StringIO(text))}


def labels(contact):
    contact.refresh_from_db()
    return sorted(item[-1] for item in parse(contact.participant_text))


def test_a_participant_added_to_a_contact_is_written_on_its_row():
    a, b, c = PersonFactory(name="Mike Pompeo"), PersonFactory(), PersonFactory(name="Dominic Raab")
    contact = make_contact(a, b, initiator=a)
    ParticipantFactory(contact=contact, person=c)
    assert "Dominic Raab" in labels(contact)


def test_a_participant_removed_from_a_contact_leaves_its_row():
    a, b = PersonFactory(name="Mike Pompeo"), PersonFactory(name="Dominic Raab")
    contact = make_contact(a, b, initiator=a)
    Participant.objects.get(contact=contact, person=b).delete()
    assert labels(contact) == ["Mike Pompeo"]


def test_renaming_a_person_rewrites_every_contact_they_took_part_in(analyst_client):
    a, b = PersonFactory(name="Mike Pompeo"), PersonFactory(name="Dominik Rab")
    called = make_contact(a, b, initiator=a)
    calling = make_contact(b, a, initiator=b)
    b.name = "Dominic Raab"
    b.save()
    rows = exported(analyst_client)
    assert rows[called.key]["Other participants"] == "Dominic Raab"
    assert rows[calling.key]["Initiator"] == "Dominic Raab"


def test_renaming_a_country_rewrites_the_countries_of_its_contacts(analyst_client):
    country = CountryFactory(name="Byelorussia")
    a, b = PersonFactory(country=country), PersonFactory()
    contact = make_contact(a, b, initiator=a)
    country.name = "Belarus"
    country.save()
    assert "Belarus" in exported(analyst_client)[contact.key]["Countries"].split("; ")


def test_merging_people_writes_the_kept_name_on_the_duplicates_contacts(analyst_client):
    keep, duplicate, other = PersonFactory(name="Qasem Soleimani"), PersonFactory(), PersonFactory()
    duplicate.name = "Qassem Suleimani"
    duplicate.save()
    contact = make_contact(duplicate, other, initiator=duplicate)
    merge_people(keep=keep, duplicate=duplicate)
    row = exported(analyst_client)[contact.key]
    assert row["Initiator"] == "Qasem Soleimani"
    assert "Qassem Suleimani" not in labels(contact)


def test_the_migration_writes_what_the_model_keeps_for_contacts_already_there():
    migration = importlib.import_module("contacts.migrations.0005_participant_text")
    a, b = PersonFactory(name="Алексей"), PersonFactory(name="قاسم")
    contact = make_contact(a, b, initiator=a)
    ParticipantFactory(
        contact=contact, person=None, description="his French counterpart", country=CountryFactory()
    )
    kept = parse(Contact.objects.get(pk=contact.pk).participant_text)
    Contact.objects.update(participant_text="[]")
    sql = migration.POSTGRESQL if connection.vendor == "postgresql" else migration.SQLITE
    with connection.cursor() as cursor:
        cursor.execute(sql)
    filled = parse(Contact.objects.get(pk=contact.pk).participant_text)
    assert len(kept) == 3
    assert sorted(filled) == sorted(kept)


def test_an_edit_that_keeps_a_persons_name_leaves_their_contacts_alone():
    a, b = PersonFactory(name="Mike Pompeo"), PersonFactory()
    make_contact(a, b, initiator=a)
    a.notes = "Secretary of State from April 2018."
    with CaptureQueriesContext(connection) as queries:
        a.save()
    assert not [q["sql"] for q in queries.captured_queries if "contacts_contact" in q["sql"]]


def test_exported_links_quote_a_slug_as_its_page_address_does(analyst_client):
    person = PersonFactory(name="Алексей Оверчук", slug="алексей-оверчук")
    text = body(analyst_client.get("/people/", {"_export": "csv"})).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["Link"] for row in rows] == ["http://testserver" + person.get_absolute_url()]
    assert "%D0%B0" in rows[0]["Link"]


def test_generated_contacts_carry_the_export_cells_the_model_writes():
    call_command("generate_synthetic", contacts=100, seed=1, verbosity=0)
    loaded = list(Contact.objects.order_by("pk").values_list("pk", *CELLS))
    Contact.objects.all().refresh_summaries()
    assert loaded == list(Contact.objects.order_by("pk").values_list("pk", *CELLS))
    assert all(others and countries for _, _, others, countries in loaded)
    assert any(initiator for _, initiator, _, _ in loaded)


def test_a_contact_reloaded_from_a_fixture_written_without_its_cells_gets_them_back(tmp_path):
    a, b = PersonFactory(name="Mike Pompeo"), PersonFactory(name="Dominic Raab")
    contact = make_contact(a, b, initiator=a)
    contact.refresh_from_db()
    cells = tuple(getattr(contact, name) for name in CELLS)
    records = json.loads(
        serializers.serialize(
            "json", [contact], use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    )
    for name in CELLS:  # as a dump made before the cells existed
        del records[0]["fields"][name]
    path = tmp_path / "contact.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    call_command("loaddata", str(path), "--update", verbosity=0)
    assert cells[:2] == ("Mike Pompeo", "Dominic Raab")
    assert Contact.objects.values_list(*CELLS).get(pk=contact.pk) == cells
