"""A participant typed by name is resolved to its people once, then read by their ids."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.lists import participation
from contacts.models import Contact

from .conftest import body
from .factories import (
    AliasFactory,
    CountryFactory,
    ParticipantFactory,
    PersonFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_alis():
    """Ali Shamkhani in 3 contacts, Ali Larijani in 2, one of them with Shamkhani; a
    contact with neither; an alias in Persian."""
    shamkhani = PersonFactory(name="Ali Shamkhani", slug="ali-shamkhani")
    larijani = PersonFactory(name="Ali Larijani", slug="ali-larijani")
    AliasFactory(person=shamkhani, name="علی شمخانی")
    others = PersonFactory.create_batch(2, name="Someone Else")
    day = datetime.date(2020, 1, 1)
    contacts = {
        "shamkhani": make_contact(shamkhani, others[0], date_start=day),
        "both": make_contact(shamkhani, larijani, date_start=day + datetime.timedelta(1)),
        "larijani": make_contact(larijani, others[1], date_start=day + datetime.timedelta(2)),
        "shamkhani later": make_contact(shamkhani, others[1], date_start=day.replace(month=3)),
        "neither": make_contact(*others, date_start=day),
    }
    return shamkhani, larijani, contacts


def listed(client, **query):
    """The page's row keys, its row count and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contact-list"), query)
    assert response.status_code == 200
    table = response.context["table"]
    keys = [row["key"] for row in table.row_source(table.page_ids())]
    return keys, table.paginator.count, [q["sql"] for q in queries.captured_queries]


NAMES_MATCHED = re.compile(r'"?name_key"?(::text)? LIKE')  # PostgreSQL casts the column
DESCRIPTION_MATCHED = re.compile(r'"speaker_description"(::text\))? LIKE')


def matching_names(sql):
    """The queries that match names (the people's and their aliases')."""
    return [q for q in sql if NAMES_MATCHED.search(q)]


def test_a_typed_name_of_one_person_lists_what_their_slug_lists_matching_names_once(
    analyst_client, two_alis
):
    shamkhani, _, _ = two_alis
    listed(analyst_client, participant=shamkhani.slug)  # the first request's own queries
    by_slug, count, slug_sql = listed(analyst_client, participant=shamkhani.slug)
    typed, typed_count, typed_sql = listed(analyst_client, participant="Shamkhani")
    assert typed == by_slug and typed_count == count == 3
    assert len(matching_names(typed_sql)) == 1  # resolved once, not in each read
    assert len(typed_sql) == len(slug_sql) + 1  # that one query


def test_a_name_in_another_script_finds_the_person_by_their_alias(analyst_client, two_alis):
    shamkhani, _, contacts = two_alis
    keys, count, _ = listed(analyst_client, participant="شمخانی")
    assert count == 3 and contacts["neither"].key not in keys


def test_a_name_two_people_hold_lists_each_of_their_contacts_once(analyst_client, two_alis):
    _, _, contacts = two_alis
    keys, count, sql = listed(analyst_client, participant="Ali")
    expected = [contacts[name].key for name in ("shamkhani later", "larijani", "both")]
    assert keys[:3] == expected and count == 4 and len(set(keys)) == len(keys)
    assert contacts["neither"].key not in keys
    assert len(matching_names(sql)) == 1


def test_a_typed_name_also_finds_the_unnamed_counterparts_it_describes(analyst_client, two_alis):
    shamkhani, _, _ = two_alis
    described = make_contact(PersonFactory(), date_start=datetime.date(2021, 1, 1))
    ParticipantFactory(
        contact=described, person=None, description="an aide to Shamkhani", country=CountryFactory()
    )
    keys, count, _ = listed(analyst_client, participant="Shamkhani")
    assert count == 4 and keys[0] == described.key


def test_a_name_more_people_hold_than_are_resolved_is_matched_in_each_read(
    analyst_client, two_alis, monkeypatch
):
    monkeypatch.setattr(participation, "MANY", 1)  # two Alis are more than one
    _, _, contacts = two_alis
    keys, count, sql = listed(analyst_client, participant="Ali")
    assert count == 4 and contacts["neither"].key not in keys
    assert len(matching_names(sql)) > 1  # the names matched again by the page's reads


def test_a_participant_of_punctuation_alone_lists_nothing_and_says_so(analyst_client, two_alis):
    response = analyst_client.get(reverse("contact-list"), {"participant": "?!"})
    assert response.status_code == 200 and response.context["table"].paginator.count == 0
    assert "No contact matches these filters." in response.text


def test_the_csv_of_a_typed_name_is_the_csv_of_its_slug(analyst_client, two_alis):
    shamkhani, _, _ = two_alis
    url = reverse("contact-list")
    by_slug = body(analyst_client.get(url, {"participant": shamkhani.slug, "_export": "csv"}))
    typed = body(analyst_client.get(url, {"participant": "Ali Shamkhani", "_export": "csv"}))
    assert typed == by_slug and by_slug.count(b"\r\n") == 4
    assert Contact.objects.count() == 5


def spoken(client, speaker):
    """The statements page's texts for a typed speaker, and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("statement-list"), {"speaker": speaker})
    assert response.status_code == 200
    table = response.context["table"]
    texts = {row["text"] for row in table.row_source(table.page_ids())}
    return texts, [q["sql"] for q in queries.captured_queries]


def test_a_typed_speaker_is_resolved_once_and_finds_unnamed_speakers_so_described(
    analyst_client, two_alis
):
    shamkhani, larijani, _ = two_alis
    StatementFactory(speaker=shamkhani, text="We will respond")
    StatementFactory(speaker=larijani, text="Not his")
    StatementFactory(speaker=None, speaker_description="an aide to Shamkhani", text="Aide")
    StatementFactory(speaker=larijani, speaker_description="quoting Shamkhani", text="Quoting")
    texts, sql = spoken(analyst_client, "Shamkhani")
    assert texts == {"We will respond", "Aide", "Quoting"}
    assert len(matching_names(sql)) == 1


def test_a_typed_speaker_no_one_describes_is_read_by_the_speakers_id_alone(
    analyst_client, two_alis
):
    shamkhani, larijani, _ = two_alis
    StatementFactory(speaker=shamkhani, text="We will respond")
    StatementFactory(speaker=larijani, text="Not his")
    texts, sql = spoken(analyst_client, "Ali Shamkhani")
    assert texts == {"We will respond"}
    by_id = f'"contacts_statement"."speaker_id" IN ({shamkhani.pk})'
    reads = [q for q in sql if by_id in q]
    assert reads and not [q for q in reads if DESCRIPTION_MATCHED.search(q)]


@pytest.mark.parametrize("direction", ["initiated", "received"])
def test_a_name_two_people_hold_with_a_direction_lists_what_each_persons_slug_lists(
    analyst_client, two_alis, direction
):
    shamkhani, larijani, _ = two_alis
    make_contact(larijani, shamkhani, initiator=larijani, date_start=datetime.date(2020, 5, 1))
    make_contact(shamkhani, PersonFactory(), initiator=shamkhani)
    each = set()
    for person in (shamkhani, larijani):
        each |= set(listed(analyst_client, participant=person.slug, direction=direction)[0])
    keys, count, _ = listed(analyst_client, participant="Ali", direction=direction)
    assert set(keys) == each and count == len(keys) == len(each) > 0


def test_the_csv_of_a_name_two_people_hold_lists_their_shared_contact_once(
    analyst_client, two_alis
):
    _, _, contacts = two_alis
    url = reverse("contact-list")
    text = body(analyst_client.get(url, {"participant": "Ali", "_export": "csv"})).decode()
    keys = [line.split(",")[0] for line in text.splitlines()[1:]]
    assert sorted(keys) == sorted(c.key for name, c in contacts.items() if name != "neither")


def test_a_speaker_more_people_hold_than_are_resolved_is_matched_in_each_read(
    analyst_client, two_alis, monkeypatch
):
    monkeypatch.setattr(participation, "MANY", 1)
    shamkhani, larijani, _ = two_alis
    StatementFactory(speaker=shamkhani, text="One")
    StatementFactory(speaker=larijani, text="Two")
    StatementFactory(text="Neither")
    texts, sql = spoken(analyst_client, "Ali")
    assert texts == {"One", "Two"} and len(matching_names(sql)) > 1


def test_a_speaker_of_punctuation_alone_lists_only_speakers_so_described(analyst_client, two_alis):
    StatementFactory(text="Named")
    StatementFactory(speaker=None, speaker_description="?!", text="Described")
    assert spoken(analyst_client, "?!")[0] == {"Described"}
