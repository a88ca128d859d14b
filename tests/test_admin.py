import pytest
from django.urls import reverse

from contacts.models import Citation, Contact, Participant, Statement
from tests.factories import (
    AliasFactory,
    CountryFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db


def inline(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def contact_post(caller, france, source, excerpt, participants=None):
    participants = participants or [
        {"person": caller.pk, "is_initiator": "on"},
        {"description": "his French counterpart", "role": "foreign_minister", "country": france.pk},
    ]
    return {
        "kind": "phone_call",
        "summary": "Pompeo called his French counterpart.",
        "location": "",
        "initiator_certainty": "stated",
        "date_start": "2020-01-03",
        "date_precision": "day",
        "date_end": "",
        "key": "test-call",
        **inline("participants", participants),
        **inline(
            "citations", [{"source": source.pk, "excerpt": excerpt, "date_as_written": "on Friday"}]
        ),
        **inline("statements", []),
    }


@pytest.fixture
def call_parts(db):
    caller = PersonFactory(name="Mike Pompeo")
    france = CountryFactory(code="FR", name="France")
    source = SourceFactory(
        title="US moves to brief world leaders",
        text="Pompeo calling counterparts in France on Friday.",
    )
    return caller, france, source


def test_editor_adds_contact_with_unnamed_counterpart_and_citation(editor_client, call_parts):
    caller, france, source = call_parts
    data = contact_post(caller, france, source, "calling counterparts in France")
    response = editor_client.post(reverse("admin:contacts_contact_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    contact = Contact.objects.get(key="test-call")
    unnamed = contact.participants.get(person=None)
    assert (unnamed.description, unnamed.country) == ("his French counterpart", france)
    assert contact.participants.get(person=caller).is_initiator
    assert contact.citations.get().date_as_written == "on Friday"


def test_admin_refuses_an_excerpt_not_in_the_source_with_a_clear_message(editor_client, call_parts):
    caller, france, source = call_parts
    data = contact_post(caller, france, source, "calling counterparts in Germany")
    response = editor_client.post(reverse("admin:contacts_contact_add"), data)
    assert response.status_code == 200
    assert (
        "The excerpt was not found in the text of &#x27;US moves to brief world leaders&#x27;"
        in response.text
    )
    assert not Contact.objects.exists()


def test_admin_refuses_a_contact_with_one_participant(editor_client, call_parts):
    caller, france, source = call_parts
    data = contact_post(
        caller, france, source, "calling counterparts in France", [{"person": caller.pk}]
    )
    response = editor_client.post(reverse("admin:contacts_contact_add"), data)
    assert "A contact needs at least two participants." in response.text
    assert not Contact.objects.exists()


def test_admin_refuses_two_initiators(editor_client, call_parts):
    caller, france, source = call_parts
    rows = [
        {"person": caller.pk, "is_initiator": "on"},
        {"person": PersonFactory().pk, "is_initiator": "on"},
    ]
    response = editor_client.post(
        reverse("admin:contacts_contact_add"),
        contact_post(caller, france, source, "in France", rows),
    )
    assert "Only one participant can have initiated the contact." in response.text
    assert not Participant.objects.exists()


def test_admin_refuses_a_contact_without_citation(editor_client, call_parts):
    caller, france, source = call_parts
    data = contact_post(caller, france, source, "in France")
    data.update(inline("citations", []))
    response = editor_client.post(reverse("admin:contacts_contact_add"), data)
    assert response.status_code == 200
    assert "Cite at least one source with a verbatim excerpt." in response.text
    assert not Contact.objects.exists()


def test_editor_adds_a_statement_about_a_contact(editor_client, pair):
    caller, callee, contact = pair
    source = contact.citations.get().source
    data = {
        "speaker": callee.pk,
        "speaker_description": "",
        "speaker_role": "",
        "text": "We talked",
        "is_verbatim": "on",
        "language": "en",
        "medium": "call_readout",
        "venue": "",
        "date_start": "2020-01-03",
        "date_precision": "day",
        "date_end": "",
        "contact": contact.pk,
        "key": "we-talked",
        **inline("citations", [{"source": source.pk, "excerpt": "“We talked,” one said."}]),
    }
    response = editor_client.post(reverse("admin:contacts_statement_add"), data)
    assert response.status_code == 302
    assert Statement.objects.get(key="we-talked").contact == contact


def test_person_search_finds_alias_without_accents(editor_client):
    person = PersonFactory(name="Amélie de Montchalin")
    AliasFactory(person=person, name="Amelie de Montchalin")
    response = editor_client.get(reverse("admin:contacts_person_changelist"), {"q": "amelie"})
    assert list(response.context["cl"].result_list) == [person]


def test_person_autocomplete_finds_by_alias(editor_client):
    person = PersonFactory(name="Qamar Javed Bajwa")
    AliasFactory(person=person, name="Qamar Bajwa")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "qamar bajwa",
            "app_label": "contacts",
            "model_name": "participant",
            "field_name": "person",
        },
    )
    assert [row["text"] for row in response.json()["results"]] == ["Qamar Javed Bajwa"]


def test_source_admin_lists_the_records_citing_it(editor_client, pair):
    caller, callee, contact = pair
    source = contact.citations.get().source
    statement = StatementFactory(speaker=caller)
    Citation.objects.create(source=source, excerpt="We talked", statement=statement)
    uncited = StatementFactory(speaker=caller)
    response = editor_client.get(reverse("admin:contacts_source_change", args=[source.pk]))
    assert reverse("admin:contacts_contact_change", args=[contact.pk]) in response.text
    assert reverse("admin:contacts_statement_change", args=[statement.pk]) in response.text
    assert reverse("admin:contacts_statement_change", args=[uncited.pk]) not in response.text


def rows(count):
    for _ in range(count):
        contact = make_contact(PersonFactory(), PersonFactory())
        StatementFactory(speaker=contact.participants.first().person)
        Citation.objects.create(
            source=contact.citations.get().source, excerpt="We talked", statement=StatementFactory()
        )


@pytest.mark.parametrize("count", [1, 60])
@pytest.mark.parametrize(
    "model",
    ["contact", "statement", "person", "source", "citation", "officeholding", "organisation"],
)
def test_admin_change_list_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries, count, model
):
    rows(count)
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse(f"admin:contacts_{model}_changelist"))
    assert response.status_code == 200
