"""Two editors on one record: the second save is stopped and shown both versions, on every
model editors change and on inline rows edited from another page."""

import pytest
from django.urls import reverse

from contacts.models import Citation, Country, Organisation, Person, Source, Statement
from tests.admin_forms import submitted
from tests.factories import (
    AliasFactory,
    CountryFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def two_editors(client, record, first, second):
    """Both editors open the page; the first saves `first`, then the second `second`."""
    page = client.get(change_url(record))
    stale = submitted(page, **second)
    saved = client.post(change_url(record), submitted(page, **first))
    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved
    return client.post(change_url(record), stale)


def cited_office():
    office = OfficeFactory()
    source = SourceFactory(text="Foreign Minister Number said so.")
    Citation.objects.create(source=source, excerpt="Foreign Minister Number", office=office)
    return office


CASES = {
    "source": (lambda: SourceFactory(), "title", Source),
    "person": (lambda: PersonFactory(), "name", Person),
    "country": (lambda: CountryFactory(code="XQ", name="Qland"), "name", Country),
    "organisation": (lambda: OrganisationFactory(), "name", Organisation),
    "office": (cited_office, "title", None),
}


@pytest.mark.parametrize("case", CASES)
def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_kept(editor_client, case):
    make, field, _ = CASES[case]
    record = make()
    response = two_editors(editor_client, record, {field: "First edit"}, {field: "Second edit"})
    assert response.status_code == 200
    assert "since you opened it. Nothing was saved." in response.text
    assert "saved “First edit”, yours “Second edit”" in response.text
    record.refresh_from_db()
    assert getattr(record, field) == "First edit"


def test_a_citation_edited_in_the_citation_admin_is_not_overwritten_from_its_contact(
    editor_client, pair
):
    _, _, contact = pair
    citation = contact.citations.get()
    contact_page = editor_client.get(change_url(contact))
    citation.note = "Checked against the wire copy."
    citation.save()  # the other editor, in the Citation admin
    stale = submitted(contact_page, summary="A new summary.")
    response = editor_client.post(change_url(contact), stale)
    assert response.status_code == 200
    assert "Another editor changed this citation since you opened it" in response.text
    citation.refresh_from_db()
    assert citation.note == "Checked against the wire copy."


def test_an_alias_edited_elsewhere_is_not_overwritten_from_the_person_page(editor_client):
    alias = AliasFactory(name="Michael Pompeo")
    person_page = editor_client.get(change_url(alias.person))
    alias.name = "Michael R. Pompeo"
    alias.save()
    response = editor_client.post(change_url(alias.person), submitted(person_page))
    assert response.status_code == 200
    assert "changed this person alias" in response.text
    alias.refresh_from_db()
    assert alias.name == "Michael R. Pompeo"


def test_the_conflict_lists_only_fields_that_differ_with_readable_values(editor_client):
    speaker = PersonFactory(name="Mike Pompeo")
    statement = StatementFactory(speaker=speaker, text="We talked")
    source = SourceFactory(text="He said: We talked. Then: We talked again.")
    Citation.objects.create(source=source, excerpt="We talked", statement=statement)
    response = two_editors(
        editor_client,
        statement,
        {"text": "We talked again", "medium": "tweet"},
        {"text": "We talked", "medium": "remarks"},
    )
    assert response.status_code == 200
    assert "medium: saved “Tweet or social media post”, yours “Remarks" in response.text
    assert "speaker: saved" not in response.text  # unchanged links are not differences
    assert Statement.objects.get(pk=statement.pk).text == "We talked again"


def test_a_save_from_a_page_opened_before_the_record_was_deleted_says_so(editor_client):
    person = PersonFactory()
    page = editor_client.get(change_url(person))
    data = submitted(page, name="Too late")
    Person.objects.filter(pk=person.pk).delete()
    response = editor_client.post(change_url(person), data, follow=True)
    assert not Person.objects.filter(name="Too late").exists()
    assert "Perhaps it was deleted?" in response.text


def test_every_save_raises_the_version(db):
    person = PersonFactory()
    assert person.version == 1
    person.name = "Renamed"
    person.save()
    assert Person.objects.get(pk=person.pk).version == 2


def test_country_and_organisation_edits_are_kept_in_history(editor_client):
    country = CountryFactory(code="XQ", name="Qland")
    organisation = OrganisationFactory(country=country)
    editor_client.post(
        change_url(country), submitted(editor_client.get(change_url(country)), name="Q-Land")
    )
    editor_client.post(
        change_url(organisation),
        submitted(editor_client.get(change_url(organisation)), name="Ministry of Q"),
    )
    assert country.history.latest().name == "Q-Land"
    assert country.history.latest().history_user.username == "ed"
    assert organisation.history.latest().name == "Ministry of Q"
