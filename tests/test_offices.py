import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from contacts.models import OfficeHolding, Role
from tests.factories import CountryFactory, OfficeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_office_held_on_a_date_within_its_tenure():
    office = OfficeFactory(start_date=D(2018, 4, 26), end_date=D(2021, 1, 20))
    assert list(OfficeHolding.objects.held_on(D(2020, 1, 3))) == [office]


def test_office_not_held_after_it_ended():
    OfficeFactory(start_date=D(2018, 4, 26), end_date=D(2019, 1, 1))
    assert not OfficeHolding.objects.held_on(D(2020, 1, 3)).exists()


def test_office_with_unknown_bounds_counts_as_held():
    office = OfficeFactory(start_date=None, end_date=None)
    assert list(OfficeHolding.objects.held_on(D(2020, 1, 3))) == [office]


def test_what_office_a_person_held_on_a_date():
    person = PersonFactory()
    OfficeFactory(person=person, title="Director of the CIA", end_date=D(2018, 4, 25))
    secretary = OfficeFactory(person=person, title="Secretary of State", start_date=D(2018, 4, 26))
    assert list(person.offices.held_on(D(2020, 1, 3))) == [secretary]


def test_who_was_germanys_foreign_minister_on_a_date():
    germany = CountryFactory(code="DE", name="Germany")
    maas = OfficeFactory(person=PersonFactory(country=germany), start_date=D(2018, 3, 14))
    OfficeFactory(person=PersonFactory(country=germany), end_date=D(2018, 3, 13))
    OfficeFactory(person=PersonFactory(), start_date=D(2018, 1, 1))  # another country
    holders = OfficeHolding.objects.holders_of(
        Role.FOREIGN_MINISTER, country=germany, on=D(2020, 1, 3)
    )
    assert list(holders) == [maas]


def test_holders_of_finds_offices_through_their_organisation_country():
    pakistan = CountryFactory(code="PK", name="Pakistan")
    army = OrganisationFactory(name="Pakistan Army", country=pakistan)
    bajwa = OfficeFactory(
        title="Chief of Army Staff", role=Role.MILITARY_COMMANDER, organisation=army, country=None
    )
    holders = OfficeHolding.objects.holders_of(
        Role.MILITARY_COMMANDER, country=pakistan, on=D(2020, 1, 3)
    )
    assert list(holders) == [bajwa]


def test_office_must_belong_to_an_organisation_or_a_country():
    with pytest.raises(IntegrityError):
        OfficeFactory(country=None, organisation=None)


def test_office_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        OfficeFactory(start_date=D(2020, 1, 1), end_date=D(2019, 1, 1))


def test_same_office_with_unknown_start_cannot_be_entered_twice():
    office = OfficeFactory(start_date=None)
    with pytest.raises(IntegrityError):
        OfficeFactory(person=office.person, title=office.title, start_date=None)


def test_office_reads_as_title_and_country():
    office = OfficeFactory(
        title="Foreign Secretary", country=CountryFactory(code="GB", name="United Kingdom")
    )
    assert str(office) == "Foreign Secretary, United Kingdom"


def test_people_are_found_by_the_role_their_office_is_filed_under(analyst_client, db):
    maas = PersonFactory(name="Heiko Maas")
    OfficeFactory(person=maas, title="Federal Minister for Foreign Affairs")
    PersonFactory(name="Someone Else")
    response = analyst_client.get(reverse("person-list"), {"office": "foreign minister"})
    assert [row.record.name for row in response.context["table"].rows] == ["Heiko Maas"]


def test_people_are_found_by_words_of_their_office_title_in_the_name_box(analyst_client, db):
    maas = PersonFactory(name="Heiko Maas")
    OfficeFactory(person=maas, title="Federal Minister for Foreign Affairs", role="other")
    response = analyst_client.get(reverse("person-list"), {"name": "foreign affairs"})
    assert [row.record.name for row in response.context["table"].rows] == ["Heiko Maas"]


def test_an_office_without_dates_says_the_dates_are_not_reported(analyst_client, db):
    maas = PersonFactory(name="Heiko Maas")
    OfficeFactory(person=maas, title="Federal Minister for Foreign Affairs")
    page = analyst_client.get(maas.get_absolute_url()).text
    assert "(dates not reported)" in page
    assert "start unknown" not in page


def test_an_office_with_only_a_start_date_is_shown_as_held_since_then(db):
    office = OfficeFactory(start_date=datetime.date(2018, 3, 14))
    assert office.dates_display == "since 14 Mar 2018"
