"""Every page does a fixed number of queries, whatever the number of rows."""

import pytest
from django.urls import reverse

from contacts.models import Citation, Contact
from tests.conftest import body
from tests.factories import (
    AliasFactory,
    OfficeFactory,
    PersonFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db

BUDGET = 16  # the largest page (a person) does 15: 4 are session, user and permissions


def seed(count):
    """`count` contacts of one busy person, each with a statement, office and alias around it."""
    hub = PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    OfficeFactory(person=hub, title="Secretary of State")
    for _ in range(count):
        other = PersonFactory()
        AliasFactory(person=other)
        OfficeFactory(person=other)
        contact = make_contact(hub, other, initiator=hub)
        statement = StatementFactory(speaker=other, contact=contact)
        source = contact.citations.first().source
        Citation.objects.create(source=source, excerpt="We talked", statement=statement)
    return hub


PAGES = [
    lambda hub: reverse("home"),
    lambda hub: reverse("contact-list") + "?per_page=200",
    lambda hub: reverse("contact-list") + "?per_page=200&participant=pompeo&sort=initiator",
    lambda hub: reverse("contact-list") + "?_export=json",
    lambda hub: reverse("statement-list") + "?per_page=200",
    lambda hub: reverse("statement-list") + "?_export=csv",
    lambda hub: reverse("person-list") + "?per_page=200",
    lambda hub: hub.get_absolute_url(),
    lambda hub: Contact.objects.first().get_absolute_url(),
    lambda hub: Contact.objects.first().citations.first().source.get_absolute_url(),
    lambda hub: reverse("network"),
    lambda hub: reverse("network") + "?group=country",
]


@pytest.mark.parametrize("rows", [1, 200])
@pytest.mark.parametrize("page", range(len(PAGES)))
def test_page_query_count_is_bounded_whatever_the_rows(
    analyst_client, django_assert_max_num_queries, rows, page
):
    url = PAGES[page](seed(rows))
    with django_assert_max_num_queries(BUDGET):
        response = analyst_client.get(url)
        body(response)  # a streamed export runs its queries while it is read
    assert response.status_code == 200
