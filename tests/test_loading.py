"""Loading fixtures never overwrites, refuses duplicates, takes files in any order and
records history; the demo seed goes into an empty database only."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from contacts.models import Contact, Country, Person, PersonCounts
from contacts.operations.seeding import stored_counts

pytestmark = pytest.mark.django_db

FIXTURES = settings.BASE_DIR / "fixtures"


def write(tmp_path, name, records):
    path = tmp_path / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def person(slug, name):
    return {"model": "contacts.person", "fields": {"name": name, "slug": slug, "notes": ""}}


def test_a_fixture_reusing_a_stored_natural_key_is_refused_naming_the_record(tmp_path):
    Person.objects.create(name="Mike Pompeo", slug="mike-pompeo")
    path = write(tmp_path, "people.json", [person("mike-pompeo", "Someone Else")])
    with pytest.raises(CommandError, match=r"contacts.Person \('mike-pompeo',\) already exists"):
        call_command("loaddata", path, verbosity=0)
    assert Person.objects.get(slug="mike-pompeo").name == "Mike Pompeo"


def test_update_replaces_a_stored_record_and_says_so_in_its_history(tmp_path):
    Person.objects.create(name="Mike Pompeo", slug="mike-pompeo")
    path = write(tmp_path, "fix.json", [person("mike-pompeo", "Michael R. Pompeo")])
    call_command("loaddata", path, "--update", verbosity=0)
    stored = Person.objects.get(slug="mike-pompeo")
    assert stored.name == "Michael R. Pompeo"
    latest = stored.history.latest()
    assert (latest.history_type, latest.history_change_reason) == (
        "~",
        "updated from fixture fix.json",
    )


def test_two_records_with_one_natural_key_in_a_load_are_refused(tmp_path):
    path = write(
        tmp_path, "dup.json", [person("ali-khan", "Ali Khan"), person("ali-khan", "Ali Khan II")]
    )
    with pytest.raises(CommandError, match=r"\('ali-khan',\) appears twice in the fixtures"):
        call_command("loaddata", path, verbosity=0)
    assert not Person.objects.exists()


def test_seed_files_load_in_name_order_with_contacts_before_people():
    paths = sorted(str(path) for path in FIXTURES.glob("*.json"))
    assert paths[0].endswith("contacts.json")
    call_command("loaddata", *paths, verbosity=0)
    pompeo = Person.objects.get(slug="mike-pompeo")
    assert Contact.objects.with_participants(person=pompeo).count() >= 5


def test_every_loaded_record_has_a_history_row_naming_its_fixture():
    call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
    pompeo = Person.objects.get(slug="mike-pompeo")
    created = pompeo.history.get()
    assert (created.history_type, created.history_change_reason) == (
        "+",
        "loaded from fixture people.json",
    )
    contact = Contact.objects.get(key="2020-01-03-pompeo-raab")
    assert contact.history.get().history_change_reason == "loaded from fixture contacts.json"


def test_a_reference_to_a_missing_record_is_refused_and_names_it(tmp_path):
    record = {
        "model": "contacts.person",
        "fields": {"name": "A B", "slug": "a-b", "country": ["ZZ"], "notes": ""},
    }
    with pytest.raises(CommandError, match="ZZ"):
        call_command("loaddata", write(tmp_path, "p.json", [record]), verbosity=0)
    assert not Person.objects.exists()


def test_seed_demo_loads_an_empty_database():
    call_command("seed_demo", verbosity=0)
    assert stored_counts()["contacts"] == 16


def test_seed_demo_never_touches_a_database_that_holds_records(capsys):
    call_command("seed_demo", verbosity=0)
    contact = Contact.objects.get(key="2020-01-03-pompeo-raab")
    contact.location = "Washington (corrected by an editor)"
    contact.save()
    call_command("seed_demo", verbosity=0)
    contact.refresh_from_db()
    assert contact.location == "Washington (corrected by an editor)"
    assert "the seed was not loaded and nothing was changed" in capsys.readouterr().out


def test_reset_demo_deletes_nothing_unless_confirmed(monkeypatch):
    call_command("seed_demo", verbosity=0)
    Country.objects.create(code="ZZ", name="Zedland")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was deleted"):
        call_command("reset_demo", verbosity=0)
    assert Country.objects.filter(code="ZZ").exists()


def test_reset_demo_replaces_everything_with_the_seed_and_keeps_the_deletions_in_history():
    call_command("seed_demo", verbosity=0)
    Country.objects.create(code="ZZ", name="Zedland")
    call_command("reset_demo", "--yes", verbosity=0)
    assert not Country.objects.filter(code="ZZ").exists()
    assert stored_counts()["contacts"] == 16
    assert Contact.history.filter(history_type="-").count() == 16


def test_counts_in_a_dump_are_ignored_as_the_database_recounts_what_loads(tmp_path):
    counts = {"model": "contacts.personcounts", "pk": 999999, "fields": {"contacts": 99}}
    path = write(tmp_path, "dump.json", [person("ben-wallace", "Ben Wallace"), counts])

    call_command("loaddata", path, verbosity=0)

    loaded = Person.objects.get(slug="ben-wallace")
    assert (loaded.counts.contacts, loaded.counts.statements) == (0, 0)
    assert not PersonCounts.objects.filter(pk=999999).exists()
