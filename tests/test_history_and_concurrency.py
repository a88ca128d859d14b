import pytest
from django.urls import reverse

from contacts.models import Contact, Person
from tests.factories import PersonFactory, StatementFactory

from .test_admin import inline

pytestmark = pytest.mark.django_db


def change_post(contact, summary, version):
    participants = [
        {
            "id": p.pk,
            "contact": contact.pk,
            "person": p.person_id,
            "is_initiator": "on" if p.is_initiator else "",
        }
        for p in contact.participants.all()
    ]
    citations = [
        {
            "id": c.pk,
            "contact": contact.pk,
            "source": c.source_id,
            "excerpt": c.excerpt,
            "seen_version": c.version,
        }
        for c in contact.citations.all()
    ]
    return {
        "kind": contact.kind,
        "summary": summary,
        "location": "",
        "initiator_certainty": "stated",
        "date_start": contact.date_start.isoformat(),
        "date_precision": contact.date_precision,
        "date_end": "",
        "key": contact.key,
        "seen_version": str(version),
        **inline("participants", participants, initial=len(participants)),
        **inline("citations", citations, initial=len(citations)),
        **inline("statements", []),
    }


def test_edit_in_admin_is_recorded_with_who_and_what(editor_client, editor, pair):
    caller, callee, contact = pair
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    response = editor_client.post(url, change_post(contact, "Corrected summary.", 1))
    assert response.status_code == 302
    latest = contact.history.latest()
    assert latest.history_user == editor and latest.summary == "Corrected summary."
    delta = latest.diff_against(latest.prev_record)
    assert [change.field for change in delta.changes if change.field == "summary"] == ["summary"]


def test_history_is_visible_from_the_admin_page(editor_client, pair):
    caller, callee, contact = pair
    contact.summary = "Edited"
    contact.save()
    response = editor_client.get(reverse("admin:contacts_contact_history", args=[contact.pk]))
    assert response.status_code == 200
    versions = contact.history.values_list("history_id", flat=True)
    assert len(versions) == 2  # created, then edited
    for version in versions:
        link = reverse("admin:contacts_contact_simple_history", args=[contact.pk, version])
        assert f'href="{link}"' in response.text
    assert "The two ministers spoke by phone." in response.text  # the summary before the edit


def test_deleted_record_can_be_seen_and_restored(db):
    person = PersonFactory(name="Deleted Person")
    pk = person.pk
    person.delete()
    last = Person.history.filter(id=pk).latest()
    assert last.history_type == "-"
    last.prev_record.instance.save()
    assert Person.objects.get(pk=pk).name == "Deleted Person"


def test_second_of_two_concurrent_edits_is_stopped_and_shown_both_versions(editor_client, pair):
    caller, callee, contact = pair
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    first = editor_client.post(url, change_post(contact, "First editor's summary.", 1))
    assert first.status_code == 302
    second = editor_client.post(url, change_post(contact, "Second editor's summary.", 1))
    assert second.status_code == 200
    assert "Another editor changed this contact since you opened it" in second.text
    assert (
        "First editor&#x27;s summary." in second.text
        and "Second editor&#x27;s summary." in second.text
    )
    assert Contact.objects.get().summary == "First editor's summary."


def test_saves_in_turn_both_succeed(editor_client, pair):
    caller, callee, contact = pair
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    assert editor_client.post(url, change_post(contact, "One.", 1)).status_code == 302
    assert editor_client.post(url, change_post(contact, "Two.", 2)).status_code == 302
    assert Contact.objects.get().version == 3


def test_deleting_a_person_who_takes_part_in_contacts_is_refused_with_what_depends(
    editor_client, pair
):
    caller, callee, contact = pair
    url = reverse("admin:contacts_person_delete", args=[caller.pk])
    response = editor_client.post(url, {"post": "yes"})
    assert Person.objects.filter(pk=caller.pk).exists()
    assert "protected" in response.text.lower() and "Participant" in response.text


def test_deleting_a_cited_source_is_refused(editor_client, pair):
    caller, callee, contact = pair
    source = contact.citations.get().source
    response = editor_client.post(
        reverse("admin:contacts_source_delete", args=[source.pk]), {"post": "yes"}
    )
    assert source.__class__.objects.filter(pk=source.pk).exists()
    assert "Citation" in response.text


def test_deleting_a_speaker_is_refused(editor_client, db):
    statement = StatementFactory()
    response = editor_client.post(
        reverse("admin:contacts_person_delete", args=[statement.speaker_id]), {"post": "yes"}
    )
    assert Person.objects.filter(pk=statement.speaker_id).exists()
    assert "protected related objects" in response.text
    change = reverse("admin:contacts_statement_change", args=[statement.pk])
    assert f'<li>Statement: <a href="{change}">{statement}</a></li>' in response.text


def test_deleted_record_is_listed_and_restored_from_the_admin(editor_client, db):
    person = PersonFactory(name="Restorable Person")
    person.name = "Restorable Person (edited)"
    person.save()
    pk = person.pk
    person.delete()
    history_url = reverse("admin:contacts_person_history", args=[pk])
    assert "Restorable Person" in editor_client.get(history_url).text
    before_delete = Person.history.filter(id=pk, history_type="~").latest()
    revert_url = reverse(
        "admin:contacts_person_simple_history", args=[pk, before_delete.history_id]
    )
    form = editor_client.get(revert_url)
    assert form.status_code == 200
    data = {
        "name": before_delete.name,
        "slug": before_delete.slug,
        "country": "",
        "notes": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "offices-TOTAL_FORMS": "0",
        "offices-INITIAL_FORMS": "0",
    }
    editor_client.post(revert_url, data)
    assert Person.objects.get(pk=pk).name == "Restorable Person (edited)"


def test_posting_unlisted_fields_to_the_admin_changes_nothing(editor_client, db):
    person = PersonFactory(name="Keep Me")
    data = {
        "name": "Keep Me",
        "slug": person.slug,
        "name_key": "hacked",
        "id": 999,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "offices-TOTAL_FORMS": "0",
        "offices-INITIAL_FORMS": "0",
    }
    editor_client.post(reverse("admin:contacts_person_change", args=[person.pk]), data)
    person.refresh_from_db()
    assert person.name_key == "keep me" and Person.objects.filter(pk=999).count() == 0
