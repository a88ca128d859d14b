"""Control characters are refused at the door, and text stored anyway (by raw SQL, an old
import) cannot break a page or an export."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.models import Citation, Contact, Participant, Person, PersonAlias, Source, Statement
from tests.admin_forms import submitted
from tests.conftest import body
from tests.factories import (
    CountryFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_participant_description_with_a_control_character(editor_client, pair):
    _, _, contact = pair
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    france = CountryFactory(code="FR", name="France")
    data = submitted(
        editor_client.get(url),
        **{
            "participants-TOTAL_FORMS": "3",
            "participants-2-description": "his French\x1fcounterpart",
            "participants-2-country": str(france.pk),
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "invisible control character U+001F at position 11" in response.text
    assert contact.participants.count() == 2


@pytest.mark.parametrize("name", ["Mike\u202ePompeo", "Mike\nPompeo", "Mike\x85Pompeo"])
def test_names_with_control_or_bidi_override_characters_are_refused(db, name):
    with pytest.raises(ValidationError, match="invisible control character"):
        PersonFactory.build(name=name, country=None).full_clean()


def test_long_text_keeps_its_newlines_and_tabs(db):
    source = SourceFactory.build(text="Line one.\n\tLine two.\r\n", slug="s", title="t")
    assert source.full_clean() is None  # raises ValidationError when refused
    source.save()
    assert Source.objects.get(pk=source.pk).text == "Line one.\n\tLine two.\r\n"


@pytest.mark.parametrize("name", ["قاسم سلیمانی", "Владимир Макей", "François Le Drian"])
def test_arabic_cyrillic_and_accented_names_are_accepted(db, name):
    person = PersonFactory.build(name=name, slug="x", country=None)
    assert person.full_clean() is None  # raises ValidationError when refused
    person.save()
    assert Person.objects.get(pk=person.pk).name == name


def contacts_csv(client):
    response = client.get("/contacts/", {"_export": "csv"})
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def test_a_stored_control_character_does_not_cut_the_contacts_csv_short(analyst_client, pair):
    caller, callee, _ = pair
    broken = make_contact(caller, callee)
    Participant.objects.filter(contact=broken, person=callee).update(
        person=None, description="his\x1fcounterpart", country=CountryFactory()
    )
    Contact.objects.all().refresh_summaries()  # as stored with its derived columns
    make_contact(caller, callee)
    rows = contacts_csv(analyst_client)
    assert len(rows) == 1 + Contact.objects.count()
    assert any("his\x1fcounterpart (unnamed)" in cell for row in rows for cell in row)


def test_a_stored_control_character_keeps_the_json_export_parseable(analyst_client, pair):
    caller, callee, _ = pair
    broken = make_contact(caller, callee)
    Participant.objects.filter(contact=broken, person=callee).update(
        person=None, description="his\x1e\x1fcounterpart", country=CountryFactory()
    )
    Contact.objects.all().refresh_summaries()  # as stored with its derived columns
    rows = json.loads(body(analyst_client.get("/contacts/", {"_export": "json"})))
    assert len(rows) == Contact.objects.count()


def test_a_stored_control_character_keeps_the_xlsx_export_working(analyst_client, pair):
    caller, callee, _ = pair
    Person.objects.filter(pk=callee.pk).update(name="Dominic\x1fRaab")
    Contact.objects.all().refresh_summaries()  # as stored with its derived columns
    response = analyst_client.get("/contacts/", {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert sheet.max_row == 1 + Contact.objects.count()


def test_an_alias_with_a_separator_character_breaks_neither_page_nor_export(analyst_client):
    person = PersonFactory(name="Vladimir Makei")
    PersonAlias.objects.create(person=person, name="Makei")
    PersonAlias.objects.filter(person=person).update(name="Ma\x1ekei\x1f")
    page = analyst_client.get(reverse("person-detail", args=[person.slug]))
    assert page.status_code == 200 and "Ma\x1ekei" in page.text
    rows = json.loads(body(analyst_client.get("/people/", {"_export": "json"})))
    assert [row["Also known as"] for row in rows] == ["Ma\x1ekei\x1f"]


# Any text a request or a file can carry: lone surrogates are not UTF-8, and neither
# database stores them.
ANY_TEXT = st.text(
    st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1, max_size=40
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=ANY_TEXT, description=ANY_TEXT, summary=ANY_TEXT, alias=ANY_TEXT, quote=ANY_TEXT)
def test_any_stored_unicode_leaves_every_page_and_export_complete(
    analyst_client, name, description, summary, alias, quote
):
    with transaction.atomic():
        caller, callee = PersonFactory(), PersonFactory()
        contact = make_contact(caller, callee, initiator=caller)
        source = contact.citations.get().source
        statement = StatementFactory(speaker=caller)
        Statement.objects.filter(pk=statement.pk).update(text=quote)
        Citation.objects.create(source=source, excerpt=source.text, statement=statement)
        Source.objects.filter(pk=source.pk).update(title=quote, text=source.text + quote)
        Person.objects.filter(pk=caller.pk).update(name=name)
        PersonAlias.objects.bulk_create([PersonAlias(person=caller, name=alias, name_key="k")])
        Contact.objects.filter(pk=contact.pk).update(summary=summary)
        Participant.objects.filter(contact=contact, person=callee).update(
            person=None, description=description
        )
        Contact.objects.all().refresh_summaries()  # as stored with its derived columns
        caller.refresh_from_db()
        for url in [
            "/contacts/",
            f"/contacts/{contact.pk}/",
            "/people/",
            f"/people/{caller.slug}/",
            "/network/",
            "/statements/",
            f"/sources/{source.pk}/",
        ]:
            assert analyst_client.get(url).status_code == 200, url
        people = json.loads(body(analyst_client.get("/people/", {"_export": "json"})))
        assert {row["Name"] for row in people} == {name, callee.name}
        assert [row["Also known as"] for row in people if row["Name"] == name] == [alias]
        contacts = json.loads(body(analyst_client.get("/contacts/", {"_export": "json"})))
        assert len(contacts) == 1
        assert contacts[0]["Other participants"] == f"{description} (unnamed)"
        assert len(contacts_csv(analyst_client)) == 2
        statements = json.loads(body(analyst_client.get("/statements/", {"_export": "json"})))
        assert [row["Text"] for row in statements] == [f"“{quote}”"]
        xlsx = analyst_client.get("/people/", {"_export": "xlsx"})
        assert openpyxl.load_workbook(io.BytesIO(body(xlsx))).active.max_row == 3
        transaction.set_rollback(True)


def test_the_xlsx_character_filter_is_openpyxl_s():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from contacts.exports import XLSX_ILLEGAL

    assert XLSX_ILLEGAL.pattern == ILLEGAL_CHARACTERS_RE.pattern


def test_property_based_tests_draw_the_same_examples_on_every_run():
    from hypothesis import settings

    assert settings.default.derandomize is True
