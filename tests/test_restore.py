"""A deleted contact or statement comes back from its history with its participants and
citations, or not at all."""

import pytest
from django.urls import reverse

from contacts.models import Citation, Contact, Participant, Statement
from contacts.restore import RestoreError, restore_deleted
from tests.factories import CitationFactory, PersonFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_restoring_a_deleted_contact_brings_back_its_participants_and_citations(pair):
    caller, callee, contact = pair
    CitationFactory(contact=contact, source=SourceFactory())
    pk, citations = contact.pk, sorted(contact.citations.values_list("pk", flat=True))
    contact.delete()
    restore_deleted(model=Contact, pk=pk)
    restored = Contact.objects.get(pk=pk)
    assert {p.person for p in restored.participants.all()} == {caller, callee}
    assert restored.participants.get(person=caller).is_initiator
    assert sorted(restored.citations.values_list("pk", flat=True)) == citations
    assert (restored.participant_count, restored.source_count) == (2, 2)


def test_a_participant_removed_long_before_the_deletion_stays_removed(pair):
    caller, callee, contact = pair
    third = Participant.objects.create(contact=contact, person=PersonFactory())
    third_pk = third.pk
    third.delete()
    Participant.history.filter(id=third_pk, history_type="-").update(
        history_date=contact.history.latest().history_date.replace(year=2019)
    )
    pk = contact.pk
    contact.delete()
    restore_deleted(model=Contact, pk=pk)
    assert Contact.objects.get(pk=pk).participants.count() == 2


def test_a_restore_whose_excerpt_no_longer_matches_is_refused_and_changes_nothing(pair):
    _, _, contact = pair
    source = contact.citations.get().source
    pk = contact.pk
    contact.delete()
    type(source).objects.filter(pk=source.pk).update(text="Entirely different words.")
    with pytest.raises(RestoreError, match="not found in the text"):
        restore_deleted(model=Contact, pk=pk)
    assert not Contact.objects.filter(pk=pk).exists()
    assert not Participant.objects.filter(contact_id=pk).exists()


def test_restoring_a_record_that_exists_is_refused(pair):
    _, _, contact = pair
    with pytest.raises(RestoreError, match="not a deleted record"):
        restore_deleted(model=Contact, pk=contact.pk)


def test_restored_rows_say_so_in_their_history(pair, editor):
    _, _, contact = pair
    pk = contact.pk
    contact.delete()
    restore_deleted(model=Contact, pk=pk, user=editor)
    latest = Citation.history.filter(contact_id=pk).latest()
    assert (latest.history_type, latest.history_change_reason) == ("+", "restored after deletion")
    assert latest.history_user == editor


def test_the_admin_lists_deleted_contacts_and_restores_one(editor_client, pair):
    _, _, contact = pair
    pk = contact.pk
    contact.delete()
    listing = editor_client.get(reverse("admin:contacts_contact_deleted"))
    deleted = Contact.history.get(id=pk, history_type="-")
    restore_url = reverse("admin:contacts_contact_simple_history", args=[pk, deleted.history_id])
    assert restore_url in listing.text
    confirm = editor_client.get(restore_url)
    assert "Mike Pompeo" in confirm.text and "The two ministers spoke by phone" in confirm.text
    response = editor_client.post(restore_url, follow=True)
    assert "Restored contact" in response.text
    assert Contact.objects.get(pk=pk).participants.count() == 2


def test_a_deleted_statement_comes_back_with_its_citation(db):
    statement = StatementFactory()
    CitationFactory(statement=statement, excerpt="“We talked,” one said.")
    pk = statement.pk
    statement.delete()
    restore_deleted(model=Statement, pk=pk)
    assert Statement.objects.get(pk=pk).citations.count() == 1


def test_analysts_cannot_reach_the_deleted_list(analyst_client, pair):
    _, _, contact = pair
    pk = contact.pk
    contact.delete()
    response = analyst_client.get(reverse("admin:contacts_contact_deleted"))
    assert response.status_code == 403
    assert "Not allowed" in response.text
    deleted = Contact.history.get(id=pk, history_type="-")
    restore_url = reverse("admin:contacts_contact_simple_history", args=[pk, deleted.history_id])
    assert restore_url not in response.text


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/admin/contacts/contact/abc/history/1/", 404, "No such record."),
        ("/admin/contacts/contact/999999/history/1/", 200, "No such deleted record."),
        ("/admin/contacts/contact/999999/history/x/", 200, "No such deleted record."),
    ],
)
def test_a_malformed_or_unknown_restore_address_is_answered_not_a_500(
    editor_client, url, status, message
):
    response = editor_client.get(url, follow=True)
    assert response.status_code == status
    assert message in response.text
    if status == 200:  # sent back to the list of contacts, with the message
        assert response.redirect_chain == [(reverse("admin:contacts_contact_changelist"), 302)]
