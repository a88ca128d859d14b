"""The squashed migrations: a database migrated before the squash (0001 to 0019 applied)
counts every squashed migration as applied, and a new database is built from the squash."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

BEFORE_THE_SQUASH = [
    "0001_initial",
    "0002_groups",
    "0003_history_and_versions",
    "0004_contact_summary_columns",
    "0005_full_text_search",
    "0006_statement_indexes",
    "0007_full_text_vocabulary",
    "0008_drop_redundant_indexes",
    "0009_spanning_date_indexes",
    "0010_participant_contact_date",
    "0011_stored_search_documents",
    "0012_versions_everywhere_and_place_history",
    "0013_source_language_and_digest",
    "0014_administrators_unlock_log_ins",
    "0015_search_by_word_forms_sqlite",
    "0016_search_by_word_forms_postgresql",
    "0017_search_functions_find_their_schema",
    "0018_sources_listed_in_index_order",
    "0019_contacts_searched_with_their_excerpts",
]
SQUASHED = [
    "0001_squashed_records",
    "0002_squashed_groups",
    "0003_squashed_search",
    "0004_squashed_source_order",
]


def test_the_squashed_migrations_replace_every_migration_before_the_squash(db):
    loader = MigrationLoader(connection, replace_migrations=False)
    replaced = [
        name
        for (app, _), migration in loader.disk_migrations.items()
        if app == "contacts"
        for _, name in migration.replaces
    ]
    assert sorted(replaced) == BEFORE_THE_SQUASH


def test_a_database_migrated_before_the_squash_counts_the_squash_applied(db):
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="contacts").delete()
    for name in BEFORE_THE_SQUASH:
        recorder.record_applied("contacts", name)
    applied = MigrationLoader(connection).applied_migrations
    assert [name for name in SQUASHED if ("contacts", name) in applied] == SQUASHED


def test_a_database_with_only_some_migrations_before_the_squash_is_not_counted_applied(db):
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="contacts").delete()
    for name in BEFORE_THE_SQUASH[:5]:
        recorder.record_applied("contacts", name)
    applied = MigrationLoader(connection).applied_migrations
    assert ("contacts", "0001_squashed_records") not in applied


@pytest.mark.django_db(transaction=True)
def test_the_organisation_name_migration_gives_organisations_already_there_their_keys():
    from contacts.models import Organisation, OrganisationName

    from .test_contact_search_document import migrate

    old = migrate("0009_network_month")  # before the keys' table
    try:
        irgc = old.get_model("contacts", "Organisation").objects.create(
            name="Islamic Revolutionary Guard Corps", abbreviation="IRGC", other_names="Sepah"
        )
    finally:
        migrate()
    stored = OrganisationName.objects.filter(organisation=irgc.pk).values_list(
        "name_key", flat=True
    )
    assert set(stored) == Organisation.objects.get(pk=irgc.pk).name_keys()
    assert "islamic revolutionary guard" in stored


@pytest.mark.django_db(transaction=True)
def test_the_participant_cells_migration_fills_the_contacts_already_there(monkeypatch):
    import importlib

    from contacts.models import Contact
    from contacts.models.contacts import CELLS

    from .factories import CountryFactory, ParticipantFactory, PersonFactory, make_contact
    from .test_contact_search_document import migrate

    pompeo = PersonFactory(name="Mike Pompeo", country=CountryFactory(name="United States"))
    zarif = PersonFactory(name="Javad Zarif", country=CountryFactory(name="Iran"))
    contact = make_contact(pompeo, zarif, initiator=pompeo)
    ParticipantFactory(
        contact=contact,
        person=None,
        description="his French counterpart",
        country=CountryFactory(name="France"),
    )
    others = [make_contact(PersonFactory(), PersonFactory()) for _ in range(2)]
    migration = importlib.import_module("contacts.migrations.0013_contact_participant_cells")
    monkeypatch.setattr(migration, "CHUNK", 1)  # a page of ids at a time, each one row
    migrate("0012_name_keys_unbounded")  # before the cells: their columns are dropped
    migrate()
    assert all(Contact.objects.values_list(*CELLS).get(pk=c.pk)[1] for c in others)
    assert Contact.objects.values_list(*CELLS).get(pk=contact.pk) == (
        "Mike Pompeo",
        "Javad Zarif; his French counterpart (unnamed)",
        "France; Iran; United States",
    )


@pytest.mark.django_db(transaction=True)
def test_the_family_key_migration_fills_the_people_and_aliases_already_there_and_keeps_counts():
    from contacts.integrity import counts_out_of_step
    from contacts.models import Person, PersonAlias
    from tests.factories import PersonFactory

    from .test_contact_search_document import migrate

    old = migrate("0015_walked_search")  # before the family keys
    try:
        person = old.get_model("contacts", "Person").objects.create(
            name="Hassan Rouhani", slug="hassan-rouhani", name_key="hassan rouhani"
        )
        old.get_model("contacts", "PersonAlias").objects.create(
            person_id=person.pk, name="حسن روحانی", name_key="حسن روحانی"
        )
    finally:
        migrate()
    assert Person.objects.get(pk=person.pk).family_key == "rouhani"
    assert PersonAlias.objects.get(person=person.pk).family_key == "روحانی"
    PersonFactory()  # the stored counts' triggers on people survived the migration
    assert list(counts_out_of_step()) == []


@pytest.mark.django_db(transaction=True)
def test_the_kept_drawing_migration_undoes_and_redoes_with_two_drawings_of_a_month_kept():
    import datetime

    from contacts.models import NetworkMonth

    from .factories import PersonFactory, make_contact
    from .test_contact_search_document import migrate

    january = datetime.date(2020, 1, 1)
    for drawn in ("", "250x25"):  # a month kept before the migration, then by the page
        NetworkMonth.objects.create(month=january, group="person", drawn=drawn, rows="[]")
    try:
        migrate("0020_forms_searched_in_their_language")
    finally:
        migrate()
    assert not NetworkMonth.objects.exists()
    NetworkMonth.objects.create(month=january, group="person", drawn="250x25", rows="[]")
    pompeo, raab = PersonFactory(), PersonFactory()
    make_contact(pompeo, raab, initiator=pompeo, date_start=datetime.date(2020, 1, 3))
    assert not NetworkMonth.objects.exists()  # the participants' triggers are back
