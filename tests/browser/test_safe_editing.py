"""Editors in real browsers: concurrent edits are stopped, deleted contacts come back."""

import pytest

from contacts.models import Citation, Contact, OfficeHolding, Person, Source

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def change_page(record):
    opts = record._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/"


def records():
    office = OfficeHolding.objects.get(person__slug="dominic-raab")
    return {
        "source": (Source.objects.order_by("pk").first(), "#id_notes"),
        "person": (Person.objects.get(slug="mike-pompeo"), "#id_notes"),
        "citation": (Citation.objects.filter(contact__isnull=False).first(), "#id_note"),
        "office": (office, "#id_title"),
    }


@pytest.mark.parametrize("kind", ["source", "person", "citation", "office"])
def test_two_editors_on_one_record_the_second_gets_a_conflict_not_a_silent_loss(editors, kind):
    first, second = editors
    record, field = records()[kind]
    for page in editors:
        page.goto(change_page(record))
    first.fill(field, "Edited by the first editor")
    first.click("input[name=_save]")
    first.wait_for_selector(".messagelist .success")
    second.fill(field, "Edited by the second editor")
    second.click("input[name=_save]")
    second.wait_for_selector(".errornote")
    text = second.content()
    assert "since you opened it. Nothing was saved." in text
    assert "saved “Edited by the first editor”, yours “Edited by the second editor”" in text
    screenshot(second, f"conflict-{kind}")
    record.refresh_from_db()
    assert getattr(record, field.removeprefix("#id_")) == "Edited by the first editor"


def test_an_editor_deletes_a_contact_and_restores_it_with_participants_and_citations(editors):
    page, _ = editors
    contact = Contact.objects.get(key="2020-01-03-pompeo-raab")
    participants = contact.participants.count()
    citations = sorted(contact.citations.values_list("excerpt", flat=True))
    page.goto(change_page(contact))
    page.click("a.deletelink")
    page.click("input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert not Contact.objects.filter(key=contact.key).exists()
    page.get_by_role("link", name="Deleted", exact=True).click()
    page.get_by_role("link", name=str(contact)[:40]).first.click()
    assert "Dominic Raab" in page.content()
    screenshot(page, "restore-confirm")
    page.click("input[type=submit][value^=Restore]")
    page.wait_for_selector(".messagelist .success")
    assert "Restored contact" in page.content()
    restored = Contact.objects.get(key=contact.key)
    assert restored.participants.count() == participants
    assert sorted(restored.citations.values_list("excerpt", flat=True)) == citations
    page.goto(f"/contacts/{restored.pk}/")
    assert "Dominic Raab" in page.content()
