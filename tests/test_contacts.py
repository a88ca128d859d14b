import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from contacts.models import Contact, ContactKind, DatePrecision, Participant
from contacts.models.dates import resolve_weekday
from tests.factories import (
    CitationFactory,
    ContactFactory,
    CountryFactory,
    ParticipantFactory,
    PersonFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_contacts_involving_a_person(pair):
    caller, callee, contact = pair
    make_contact(PersonFactory(), PersonFactory())
    assert list(Contact.objects.with_participants(person=callee)) == [contact]


def test_contacts_initiated_by_a_person(pair):
    caller, callee, contact = pair
    assert list(Contact.objects.initiated_by(caller)) == [contact]
    assert not Contact.objects.initiated_by(callee).exists()


def test_contacts_received_by_a_person(pair):
    caller, callee, contact = pair
    assert list(Contact.objects.received_by(callee)) == [contact]
    assert not Contact.objects.received_by(caller).exists()


def test_contacts_initiated_and_received_by_a_country(db):
    us, iraq = CountryFactory(code="US"), CountryFactory(code="IQ")
    contact = ContactFactory(initiator_certainty="stated")
    ParticipantFactory(contact=contact, person=PersonFactory(), country=us, is_initiator=True)
    ParticipantFactory(contact=contact, person=PersonFactory(), country=iraq)
    assert list(Contact.objects.initiated_by(country__code="US")) == [contact]
    assert not Contact.objects.initiated_by(country__code="IQ").exists()
    assert list(Contact.objects.received_by(country__code="IQ")) == [contact]
    assert not Contact.objects.received_by(country__code="US").exists()


def test_contact_with_unknown_initiator_is_neither_initiated_nor_received(db):
    first, second = PersonFactory(), PersonFactory()
    make_contact(first, second)
    assert not Contact.objects.initiated_by(first).exists()
    assert not Contact.objects.received_by(first).exists()


def test_contacts_between_dates_include_overlapping_ranges(db):
    people = PersonFactory(), PersonFactory()
    inside = make_contact(*people, date_start=D(2020, 1, 4))
    overlapping = make_contact(
        *people, date_start=D(2019, 12, 29), date_end=D(2020, 1, 3), date_precision="range"
    )
    make_contact(*people, date_start=D(2020, 1, 8))
    found = set(Contact.objects.between(D(2020, 1, 3), D(2020, 1, 5)))
    assert found == {inside, overlapping}


def test_contacts_with_a_country_through_any_participant(db):
    france = CountryFactory(code="FR", name="France")
    contact = make_contact(PersonFactory(), PersonFactory(country=france))
    make_contact(PersonFactory(), PersonFactory())
    assert list(Contact.objects.with_country(france)) == [contact]


def test_unnamed_counterpart_counts_for_its_country(db):
    france = CountryFactory(code="FR", name="France")
    contact = make_contact(PersonFactory())
    ParticipantFactory(
        contact=contact, person=None, description="his French counterpart", country=france
    )
    assert list(Contact.objects.with_country(france)) == [contact]


def test_participant_takes_the_persons_country_when_none_given(db):
    participant = ParticipantFactory()
    assert participant.country == participant.person.country


def test_participant_needs_a_person_or_a_described_counterpart(db):
    with pytest.raises(IntegrityError):
        ParticipantFactory(person=None, description="", country=None)


def test_unnamed_counterpart_needs_a_country(db):
    with pytest.raises(IntegrityError):
        ParticipantFactory(person=None, description="his French counterpart", country=None)


def test_a_person_takes_part_in_a_contact_once(db):
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError):
        ParticipantFactory(contact=participant.contact, person=participant.person)


def test_a_contact_has_at_most_one_initiator(db):
    participant = ParticipantFactory(is_initiator=True)
    with pytest.raises(IntegrityError):
        ParticipantFactory(contact=participant.contact, is_initiator=True)


def test_contact_date_range_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError):
        ContactFactory(date_start=D(2020, 1, 3), date_end=D(2020, 1, 1), date_precision="range")


def test_range_without_an_end_is_refused_by_validation(db):
    contact = Contact(kind="talks", summary="x", date_start=D(2020, 1, 1), date_precision="range")
    with pytest.raises(ValidationError, match="last day"):
        contact.full_clean()


def test_month_precision_covers_the_whole_month(db):
    contact = ContactFactory(date_start=D(2020, 1, 17), date_precision=DatePrecision.MONTH)
    assert (contact.date_start, contact.date_end) == (D(2020, 1, 1), D(2020, 1, 31))
    assert contact.date_display == "Jan 2020"


def test_day_and_range_dates_display_with_their_precision(db):
    day = ContactFactory(date_start=D(2020, 1, 3))
    span = ContactFactory(
        date_start=D(2019, 12, 29), date_end=D(2020, 1, 2), date_precision="range"
    )
    assert day.date_display == "3 Jan 2020"
    assert span.date_display == "29 Dec 2019 – 2 Jan 2020"


def test_relative_weekday_resolves_against_the_article_date():
    assert resolve_weekday("on Friday", D(2020, 1, 5)) == D(2020, 1, 3)
    assert resolve_weekday("Sunday", D(2020, 1, 5)) == D(2020, 1, 5)


@pytest.mark.parametrize(
    ("kind", "cameo", "plover"),
    [
        (ContactKind.PHONE_CALL, "041", "CONSULT-phone"),
        (ContactKind.VISIT, "042/043", "CONSULT-visit"),
        (ContactKind.MEETING, "044", "CONSULT-meet"),
        (ContactKind.TALKS, "040", "CONSULT"),
    ],
)
def test_contact_kind_maps_to_cameo_and_plover(db, kind, cameo, plover):
    contact = ContactFactory(kind=kind)
    assert (contact.cameo_code, contact.plover_mode) == (cameo, plover)


def test_every_contact_kind_has_codes():
    assert all(kind.cameo and kind.plover for kind in ContactKind)


def test_a_contact_cited_twice_by_one_source_counts_one_source(pair):
    caller, callee, contact = pair
    CitationFactory(contact=contact, source=contact.citations.get().source, excerpt="We talked")
    contact.refresh_from_db()
    assert contact.source_count == 1
    assert Participant.objects.filter(contact=contact).count() == 2


def test_summary_columns_follow_participants_and_citations(db):
    first, second = PersonFactory(name="Mike Pompeo"), PersonFactory(name="Heiko Maas")
    contact = make_contact(first, second, initiator=first)
    contact.refresh_from_db()
    assert (contact.initiator_label, contact.participant_count, contact.source_count) == (
        "Mike Pompeo",
        2,
        1,
    )
    contact.participants.filter(person=first).delete()
    contact.refresh_from_db()
    assert (contact.initiator_label, contact.participant_count) == ("", 1)


def test_renaming_an_initiator_updates_the_contact(pair):
    caller, callee, contact = pair
    caller.name = "Michael Pompeo"
    caller.save()
    contact.refresh_from_db()
    assert contact.initiator_label == "Michael Pompeo"
