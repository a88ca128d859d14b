"""Every rule the README states holds on every path: admin forms and inlines, services,
loading, and `check_integrity` over the whole database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from contacts.models import Citation, Contact, OfficeHolding
from contacts.services import change_source_text, delete_citation, record_contact, record_office
from tests.admin_forms import submitted
from tests.factories import CitationFactory, PersonFactory, SourceFactory, make_contact

pytestmark = pytest.mark.django_db

TEXT = "The two ministers spoke by phone on Friday. “We talked,” one said."


def admin_change(client, record, **changes):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return client.post(url, submitted(client.get(url), **changes))


# Sources: their text cannot be changed under their citations.


def test_editing_a_cited_source_text_is_refused_naming_the_broken_citation(editor_client, pair):
    _, _, contact = pair
    citation = contact.citations.get()
    source = citation.source
    response = admin_change(editor_client, source, text="The ministers never spoke.")
    assert response.status_code == 200
    assert "was not found in the text" in response.text
    assert "The two ministers spoke by phone on Friday." in response.text  # the row, shown
    source.refresh_from_db()
    assert source.text == TEXT


def test_editing_source_text_with_the_citation_reanchored_in_the_same_change_is_saved(
    editor_client, pair
):
    _, _, contact = pair
    source = contact.citations.get().source
    response = admin_change(
        editor_client,
        source,
        text="The two ministers talked by phone on Friday.",
        **{"citations-0-excerpt": "The two ministers talked by phone on Friday."},
    )
    assert response.status_code == 302
    assert contact.citations.get().excerpt == "The two ministers talked by phone on Friday."
    call_command("check_integrity", verbosity=0)


def test_a_source_page_cannot_remove_the_last_citation_of_a_contact(editor_client, pair):
    _, _, contact = pair
    source = contact.citations.get().source
    response = admin_change(editor_client, source, **{"citations-0-DELETE": "on"})
    assert response.status_code == 200
    assert "with no citation" in response.text
    assert contact.citations.exists()


def test_change_source_text_service_refuses_then_accepts_a_reanchored_excerpt(pair):
    _, _, contact = pair
    citation = contact.citations.get()
    with pytest.raises(ValidationError, match="no longer contains the excerpts of 1 citation"):
        change_source_text(source=citation.source, text="Nothing of the sort.")
    change_source_text(
        source=citation.source,
        text="They spoke on Friday.",
        reanchor={citation: "They spoke on Friday."},
    )
    citation.refresh_from_db()
    assert (citation.source.text, citation.excerpt) == ("They spoke on Friday.",) * 2


# The last citation of a record.


def test_citation_admin_refuses_to_delete_a_contacts_only_citation(editor_client, pair):
    _, _, contact = pair
    citation = contact.citations.get()
    url = reverse("admin:contacts_citation_delete", args=[citation.pk])
    response = editor_client.post(url, {"post": "yes"}, follow=True)
    assert "with no citation" in response.text
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_citation_admin_deletes_a_citation_when_another_remains(editor_client, pair):
    _, _, contact = pair
    extra = CitationFactory(contact=contact, source=SourceFactory())
    url = reverse("admin:contacts_citation_delete", args=[extra.pk])
    editor_client.post(url, {"post": "yes"})
    assert not Citation.objects.filter(pk=extra.pk).exists()
    assert contact.citations.count() == 1


def test_bulk_delete_of_a_records_last_citations_is_refused(editor_client, pair):
    _, _, contact = pair
    citation = contact.citations.get()
    response = editor_client.post(
        reverse("admin:contacts_citation_changelist"),
        {"action": "delete_selected", "_selected_action": [citation.pk], "post": "yes"},
        follow=True,
    )
    assert "with no citation" in response.text
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_moving_a_contacts_only_citation_to_another_contact_is_refused(editor_client, pair):
    caller, callee, contact = pair
    other = make_contact(caller, callee)
    citation = contact.citations.get()
    response = admin_change(editor_client, citation, contact=str(other.pk))
    assert response.status_code == 200 and "with no citation" in response.text
    citation.refresh_from_db()
    assert citation.contact == contact


def test_delete_citation_service_refuses_the_last_one(pair):
    _, _, contact = pair
    with pytest.raises(ValidationError, match="with no citation"):
        delete_citation(citation=contact.citations.get())


def test_check_integrity_reports_a_contact_without_citations(pair, capsys):
    _, _, contact = pair
    Citation.objects.filter(contact=contact).delete()  # below the rules, as raw SQL would
    with pytest.raises(CommandError, match="1 integrity problem"):
        call_command("check_integrity")
    assert "cites no source" in capsys.readouterr().out


def test_check_integrity_passes_on_the_seed(capsys):
    call_command("seed_demo", verbosity=0)
    call_command("check_integrity")
    assert "Every rule holds." in capsys.readouterr().out


# Offices cite a source.


def test_person_page_lists_offices_without_letting_them_be_added_uncited(editor_client):
    person = PersonFactory()
    url = reverse("admin:contacts_person_change", args=[person.pk])
    response = editor_client.get(url)
    offices = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is OfficeHolding
    )
    assert not offices.has_add_permission and not offices.has_change_permission
    assert "add or edit each under Office holdings" in response.text


def test_office_admin_refuses_an_office_without_a_citation(editor_client):
    person = PersonFactory()
    url = reverse("admin:contacts_officeholding_add")
    data = submitted(
        editor_client.get(url),
        person=str(person.pk),
        title="Foreign Minister",
        role="foreign_minister",
        country=str(person.country_id),
        **{"citations-TOTAL_FORMS": "0"},
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Cite at least one source" in response.text
    assert not OfficeHolding.objects.exists()


def test_record_office_service_requires_a_citation():
    with pytest.raises(ValidationError, match="at least one citation"):
        record_office(person=PersonFactory(), title="Foreign Minister", country=None, citations=[])


# The initiator flag and its certainty agree.


def test_stated_initiator_with_nobody_ticked_is_refused_in_the_admin(editor_client, pair):
    _, _, contact = pair
    response = admin_change(
        editor_client,
        contact,
        initiator_certainty="stated",
        **{"participants-0-is_initiator": None, "participants-1-is_initiator": None},
    )
    assert response.status_code == 200
    assert "no participant is ticked as the initiator" in response.text
    assert contact.participants.filter(is_initiator=True).count() == 1  # nothing saved


def test_unknown_initiator_with_someone_ticked_is_refused_in_the_admin(editor_client, pair):
    _, _, contact = pair
    response = admin_change(editor_client, contact, initiator_certainty="unknown")
    assert response.status_code == 200
    assert "says unknown, but a participant is ticked" in response.text
    contact.refresh_from_db()
    assert contact.initiator_certainty == "stated"


def test_record_contact_refuses_a_stated_certainty_without_an_initiator():
    people = [PersonFactory(), PersonFactory()]
    with pytest.raises(ValidationError, match="no participant is ticked"):
        record_contact(
            kind="phone_call",
            date_start=datetime.date(2020, 1, 3),
            summary="They spoke.",
            participants=people,
            initiator_certainty="stated",
            citations=[(SourceFactory(), "The two ministers spoke by phone on Friday.")],
        )
    assert not Contact.objects.exists()


def test_check_integrity_reports_an_unknown_certainty_with_a_ticked_initiator(pair, capsys):
    _, _, contact = pair
    Contact.objects.filter(pk=contact.pk).update(initiator_certainty="unknown")
    with pytest.raises(CommandError):
        call_command("check_integrity")
    assert "says unknown, but a participant is ticked" in capsys.readouterr().out
