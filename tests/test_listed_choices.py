"""Countries and outlets in a list's <select>: read once per page, for the options and
for the chosen value alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import OrganisationKind
from tests.factories import CountryFactory, OrganisationFactory, StatementFactory

pytestmark = pytest.mark.django_db


def country_queries(client, path, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, query)
    tables = [q["sql"] for q in queries.captured_queries if 'FROM "contacts_country"' in q["sql"]]
    return response, tables


@pytest.mark.parametrize("path", ["/contacts/", "/statements/", "/people/"])
def test_a_chosen_country_is_read_with_the_list_of_countries_in_one_query(
    analyst_client, pair, path
):
    caller, _, _ = pair
    response, queries = country_queries(analyst_client, path, {"country": caller.country.pk})
    assert len(queries) == 1
    chosen = f'<option value="{caller.country.pk}" selected>{caller.country.name}</option>'
    assert chosen in response.text


@pytest.mark.parametrize("value", ["abc", "999999", "1; DROP TABLE x"])
def test_a_country_not_listed_is_refused_by_name_on_the_form(analyst_client, pair, value):
    response = analyst_client.get("/contacts/", {"country": value})
    assert response.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in (
        response.text
    )


def test_an_outlet_that_is_not_a_news_outlet_is_accepted_though_not_listed(analyst_client):
    ministry = OrganisationFactory(name="Ministry of Foreign Affairs", kind="government")
    newspaper = OrganisationFactory(name="Daily Paper", kind=OrganisationKind.NEWS_OUTLET)
    StatementFactory(text="Said at the ministry", outlet=ministry)
    StatementFactory(text="Said to the paper", outlet=newspaper)
    response = analyst_client.get("/statements/", {"outlet": ministry.pk})
    assert "Said at the ministry" in response.text and "Said to the paper" not in response.text
    assert f'<option value="{newspaper.pk}">Daily Paper</option>' in response.text
    assert ">Ministry of Foreign Affairs</option>" not in response.text


def test_each_page_reads_the_countries_again(analyst_client, pair):
    analyst_client.get("/contacts/")
    CountryFactory(name="Newly Added Country")
    assert "Newly Added Country" in analyst_client.get("/contacts/").text
