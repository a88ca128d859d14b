"""A network page names only what its graph and matrix draw (contacts.network.drawn), and
draws exactly what it drew when it named every participant counted."""

from itertools import pairwise
from unittest import mock

import pytest
from django.http import QueryDict

from contacts.models import Contact, Participant
from contacts.network import analysis
from contacts.network.graph import Links, elements, matrix, matrix_body
from tests.factories import CountryFactory, ParticipantFactory, PersonFactory, make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd():
    """Eight people in contacts of many weights, ties among them; an unnamed aide; a person
    who took part for two countries; contacts whose initiator is unknown."""
    people = [PersonFactory(name=f"Minister {n}") for n in range(8)]
    for count, (a, b) in zip([4, 3, 3, 2, 2, 1, 1], pairwise(people), strict=True):
        for _ in range(count):
            make_contact(a, b, initiator=b)
    for index in range(1, 7):
        make_contact(people[0], people[index], initiator=people[0])
    for a, b in [(2, 5), (3, 6), (6, 3), (4, 7), (4, 7)]:
        make_contact(people[a], people[b])  # no initiator given
    aide = make_contact(people[1])
    ParticipantFactory(contact=aide, person=None, description="an aide", country=CountryFactory())
    for country in (CountryFactory(), CountryFactory()):
        contact = make_contact(people[5], initiator=people[5])
        Participant.objects.filter(contact=contact).update(country=country)
        ParticipantFactory(contact=contact, person=people[6])
    return people


def drawn_page(found, edges, columns):
    links = Links(QueryDict("date_from=2020-01-01"))
    rows, shown = matrix(found, links, size=columns)
    return matrix_body(rows), shown, elements(found, links, edges=edges)


@pytest.mark.parametrize("group", ["person", "country"])
@pytest.mark.parametrize(("edges", "columns"), [(1, 1), (2, 3), (5, 2), (9, 4), (250, 25)])
def test_a_page_naming_only_what_it_draws_draws_what_naming_everyone_drew(
    crowd, group, edges, columns
):
    counted = analysis.counted(Contact.objects.all(), group, analysis.PAIR_LIMIT)
    with mock.patch.object(analysis, "counted", return_value=counted):
        everyone = analysis.reach(Contact.objects.all(), group)
        drawn = analysis.reach(Contact.objects.all(), group, drawn=(edges, columns))

    assert drawn_page(drawn, edges, columns) == drawn_page(everyone, edges, columns)


def test_participants_the_page_does_not_draw_are_not_named(crowd):
    everyone = analysis.reach(Contact.objects.all())
    drawn = analysis.reach(Contact.objects.all(), drawn=(2, 1))

    assert len(drawn.totals) < len(everyone.totals)
    assert set(drawn.totals) <= set(everyone.totals)


def test_the_unknown_initiators_row_is_drawn_when_only_people_not_drawn_have_such_contacts(db):
    caller, called, others = PersonFactory(), PersonFactory(), PersonFactory.create_batch(2)
    for _ in range(3):
        make_contact(caller, called, initiator=caller)
    make_contact(*others)  # the sources give no initiator

    drawn = drawn_page(analysis.reach(Contact.objects.all(), drawn=(1, 1)), 1, 1)

    assert drawn == drawn_page(analysis.reach(Contact.objects.all()), 1, 1)
    assert 'class="initiator-unknown"' in drawn[0]
