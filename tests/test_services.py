import datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.models import Contact, Person
from contacts.services import merge_people, record_contact
from tests.factories import (
    AliasFactory,
    CountryFactory,
    OfficeFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_record_contact_with_an_unnamed_counterpart_and_a_citation():
    pompeo = PersonFactory(name="Mike Pompeo")
    source = SourceFactory(text="Pompeo called counterparts in France on Friday.")
    contact = record_contact(
        kind="phone_call",
        date_start=D(2020, 1, 3),
        summary="Pompeo called his French counterpart.",
        participants=[
            pompeo,
            {
                "description": "French counterpart",
                "role": "foreign_minister",
                "country": CountryFactory(code="FR", name="France"),
            },
        ],
        initiator=pompeo,
        citations=[
            {
                "source": source,
                "excerpt": "called counterparts in France",
                "date_as_written": "on Friday",
            }
        ],
    )
    assert contact.participants.count() == 2 and contact.initiator_certainty == "stated"
    assert list(Contact.objects.initiated_by(pompeo)) == [contact]


def test_record_contact_with_a_bad_excerpt_leaves_nothing_behind():
    people = [PersonFactory(), PersonFactory()]
    with pytest.raises(ValidationError, match="not found in the text"):
        record_contact(
            kind="talks",
            date_start=D(2020, 1, 3),
            summary="x",
            participants=people,
            citations=[(SourceFactory(), "never written")],
        )
    assert not Contact.objects.exists()


def test_record_contact_refuses_a_single_participant():
    with pytest.raises(ValueError, match="two participants"):
        record_contact(
            kind="talks",
            date_start=D(2020, 1, 3),
            summary="x",
            participants=[PersonFactory()],
            citations=[(SourceFactory(), "x")],
        )


def test_merge_people_moves_records_and_keeps_the_name_as_alias():
    keep = PersonFactory(name="Qamar Javed Bajwa")
    duplicate = PersonFactory(name="Qamar Bajwa")
    AliasFactory(person=duplicate, name="General Bajwa")
    contact = make_contact(PersonFactory(name="Mike Pompeo"), duplicate)
    statement = StatementFactory(speaker=duplicate)
    office = OfficeFactory(person=duplicate)
    merge_people(keep=keep, duplicate=duplicate)
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert contact.participants.filter(person=keep).exists()
    statement.refresh_from_db()
    office.refresh_from_db()
    assert statement.speaker == keep and office.person == keep
    assert Person.objects.resolve("Qamar Bajwa") == keep
    assert Person.objects.resolve("General Bajwa") == keep


def test_merge_refuses_people_in_the_same_contact():
    keep, duplicate = PersonFactory(), PersonFactory()
    make_contact(keep, duplicate)
    with pytest.raises(ValueError, match="same contact"):
        merge_people(keep=keep, duplicate=duplicate)
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_merge_people_records_history_for_every_moved_row():
    keep, duplicate = PersonFactory(name="Qasem Soleimani"), PersonFactory(name="Qassem Soleimani")
    other = PersonFactory()
    contact = make_contact(duplicate, other)
    statement = StatementFactory(speaker=duplicate)
    merge_people(keep=keep, duplicate=duplicate)
    reason = f"merged Qassem Soleimani ({duplicate.slug}) into Qasem Soleimani ({keep.slug})"
    moved = contact.participants.get(person=keep).history.latest()
    assert (moved.history_type, moved.history_change_reason) == ("~", reason)
    assert statement.history.latest().history_change_reason == reason
    assert Person.history.filter(history_type="-").latest().history_change_reason == reason
