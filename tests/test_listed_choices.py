"""Countries and outlets in a list's <select>: read once per page, for the options and
for the chosen value alike."""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.lists.filter_fields import ListedChoiceField
from contacts.lists.filters import ContactFilter
from contacts.models import Country, OrganisationKind
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


def test_a_copied_field_reads_its_own_rows(pair):
    caller, _, _ = pair
    field = ContactFilter().form.fields["country"]
    assert caller.country in field.listed()
    copied = copy.deepcopy(field)
    assert copied.rows is None and field.rows is not None
    CountryFactory(name="Newly Added Country")
    assert "Newly Added Country" in [country.name for country in copied.listed()]


def test_a_record_of_another_model_with_a_listed_number_is_refused(pair):
    caller, _, _ = pair
    field = ContactFilter().form.fields["country"]
    other = OrganisationFactory(country=caller.country)
    other.pk = caller.country.pk
    with pytest.raises(ValidationError):
        field.clean(other)
    assert field.clean(caller.country) == caller.country
    assert field.clean(str(caller.country.pk)) == caller.country


def test_a_null_choice_is_offered_when_asked_for(pair):
    field = ListedChoiceField(queryset=Country.objects.all(), null_label="No country")
    values = [value for value, _ in field.choices]
    assert values[:2] == ["", "null"]
    assert len(values) == len(field.choices) == 2 + Country.objects.count()


def test_a_pages_countries_and_outlets_are_read_together_in_one_query_in_name_order(
    analyst_client, pair
):
    caller, _, _ = pair
    zeta = OrganisationFactory(name="Zeta News", kind=OrganisationKind.NEWS_OUTLET)
    alpha = OrganisationFactory(name="Alpha Wire", abbreviation="AW", kind="news_outlet")
    OrganisationFactory(name="Beta Ministry")  # not a news outlet: not listed
    StatementFactory(text="Said on the wire", outlet=alpha, speaker=caller)
    query = {"country": caller.country.pk, "outlet": alpha.pk}
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get("/statements/", query)
    tables = ('SELECT "contacts_country"', 'SELECT "contacts_organisation"', "SELECT 0 AS")
    lists = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip("(").startswith(tables)]
    assert len(lists) == 1 and "UNION ALL" in lists[0]
    outlets = response.context["filter"].form.fields["outlet"].listed()
    assert [str(row) for row in outlets] == ["Alpha Wire (AW)", "Zeta News"]
    countries = [c.name for c in response.context["filter"].form.fields["country"].listed()]
    assert countries == sorted(Country.objects.values_list("name", flat=True))
    assert f'<option value="{alpha.pk}" selected>Alpha Wire (AW)</option>' in response.text
    assert f'<option value="{zeta.pk}">Zeta News</option>' in response.text
    assert "Said on the wire" in response.text


def test_a_chosen_country_read_with_the_lists_names_the_export(analyst_client, pair):
    caller, _, _ = pair
    response = analyst_client.get("/statements/", {"country": caller.country.pk, "_export": "csv"})
    assert f"_{caller.country.code.lower()}_" in response["Content-Disposition"]


def test_a_copied_field_of_a_form_reads_its_own_rows_outside_the_forms_group(pair):
    from contacts.lists.filters import StatementFilter

    form = StatementFilter().form
    assert len(form.fields["country"].together) == 2
    copied = copy.deepcopy(form.fields["country"])
    assert copied.together == () and copied.rows is None
    assert pair[0].country in copied.listed()
    assert form.fields["outlet"].rows is None  # the form's own group was not read for it
