import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AliasFactory,
    CitationFactory,
    CountryFactory,
    OfficeFactory,
    OrganisationFactory,
    ParticipantFactory,
    PersonFactory,
    SourceFactory,
    make_contact,
)
from tests.table_cells import shown_rows

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("contact-list")


def shown(response):
    return [row.record for row in response.context["table"].page.object_list]


@pytest.fixture
def calls(db):
    pompeo = PersonFactory(name="Mike Pompeo")
    AliasFactory(person=pompeo, name="Michael R. Pompeo")
    raab = PersonFactory(
        name="Dominic Raab", country=CountryFactory(code="GB", name="United Kingdom")
    )
    lavrov = PersonFactory(name="Sergei Lavrov", country=CountryFactory(code="RU", name="Russia"))
    return {
        "pompeo": pompeo,
        "raab": raab,
        "lavrov": lavrov,
        "to_raab": make_contact(pompeo, raab, initiator=pompeo, date_start=D(2020, 1, 3)),
        "from_lavrov": make_contact(
            lavrov,
            pompeo,
            initiator=lavrov,
            date_start=D(2020, 1, 9),
            kind="meeting",
            summary="Lavrov met Pompeo in Sochi.",
        ),
    }


def test_contacts_filter_by_participant_alias(analyst_client, calls):
    other = make_contact(PersonFactory(), PersonFactory())
    response = analyst_client.get(URL, {"participant": "michael r pompeo"})
    assert set(shown(response)) == {calls["to_raab"], calls["from_lavrov"]}
    assert other not in shown(response)


def test_contacts_initiated_by_a_participant(analyst_client, calls):
    response = analyst_client.get(URL, {"participant": "Pompeo", "direction": "initiated"})
    assert shown(response) == [calls["to_raab"]]


def test_contacts_received_by_a_participant(analyst_client, calls):
    response = analyst_client.get(URL, {"participant": "Pompeo", "direction": "received"})
    assert shown(response) == [calls["from_lavrov"]]


def test_contacts_filter_by_initiator(analyst_client, calls):
    assert shown(analyst_client.get(URL, {"initiator": "lavrov"})) == [calls["from_lavrov"]]


def test_contacts_filter_by_recipient(analyst_client, calls):
    assert shown(analyst_client.get(URL, {"recipient": "raab"})) == [calls["to_raab"]]


def test_contacts_filter_by_recipient_country(analyst_client, calls):
    assert shown(analyst_client.get(URL, {"recipient_country": "gb"})) == [calls["to_raab"]]


def test_contacts_filter_by_country(analyst_client, calls):
    russia = calls["lavrov"].country
    assert shown(analyst_client.get(URL, {"country": russia.pk})) == [calls["from_lavrov"]]


def test_contacts_filter_by_organisation(analyst_client, calls):
    ministry = OrganisationFactory(name="Foreign Office")
    OfficeFactory(person=calls["raab"], organisation=ministry)
    assert shown(analyst_client.get(URL, {"organisation": ministry.pk})) == [calls["to_raab"]]


@pytest.mark.parametrize("typed", ["Foreign Office", "FCO", "Foreign and Commonwealth Office"])
def test_contacts_filter_by_organisation_finds_it_by_any_of_its_names(analyst_client, calls, typed):
    ministry = OrganisationFactory(
        name="Foreign Office", abbreviation="FCO", other_names="Foreign and Commonwealth Office"
    )
    OfficeFactory(person=calls["raab"], organisation=ministry)

    assert shown(analyst_client.get(URL, {"organisation": typed})) == [calls["to_raab"]]


def test_contacts_filter_by_organisation_matches_an_other_name_in_any_case_or_accent(
    analyst_client, calls
):
    ministry = OrganisationFactory(name="Ministère", other_names="Quai d’Orsay")
    OfficeFactory(person=calls["raab"], organisation=ministry)

    assert shown(analyst_client.get(URL, {"organisation": "quai d'orsay"})) == [calls["to_raab"]]


def test_contacts_filter_by_kind(analyst_client, calls):
    assert shown(analyst_client.get(URL, {"kind": "meeting"})) == [calls["from_lavrov"]]


def test_contacts_filter_by_date_range(analyst_client, calls):
    response = analyst_client.get(URL, {"date_from": "2020-01-03", "date_to": "2020-01-05"})
    assert shown(response) == [calls["to_raab"]]


def test_contacts_filter_by_source(analyst_client, calls):
    source = SourceFactory()
    CitationFactory(contact=calls["from_lavrov"], source=source)
    assert shown(analyst_client.get(URL, {"source": source.pk})) == [calls["from_lavrov"]]


def test_contacts_search_covers_summaries(analyst_client, calls):
    assert shown(analyst_client.get(URL, {"q": "sochi"})) == [calls["from_lavrov"]]


def test_contacts_search_covers_excerpts(analyst_client, calls):
    source = SourceFactory(text="Pompeo rang Raab from the plane.")
    CitationFactory(contact=calls["to_raab"], source=source, excerpt="rang Raab from the plane")
    assert shown(analyst_client.get(URL, {"q": "from the plane"})) == [calls["to_raab"]]


def test_unnamed_counterpart_is_found_by_its_description(analyst_client, calls):
    contact = make_contact(calls["pompeo"])
    ParticipantFactory(
        contact=contact,
        person=None,
        description="his French counterpart",
        country=CountryFactory(code="FR", name="France"),
    )
    assert shown(analyst_client.get(URL, {"participant": "French counterpart"})) == [contact]


def test_contacts_sort_by_date_ascending(analyst_client, calls):
    response = analyst_client.get(URL, {"sort": "date"})
    assert shown(response) == [calls["to_raab"], calls["from_lavrov"]]


@pytest.mark.parametrize("column", ["date", "kind", "initiator", "location", "source_count"])
def test_contacts_sort_by_each_sortable_column(analyst_client, calls, column):
    for direction in (column, f"-{column}"):
        response = analyst_client.get(URL, {"sort": direction})
        assert response.status_code == 200
        assert list(response.context["table"].order_by) == [direction]
        assert len(shown(response)) == 2
        assert "Cannot sort" not in response.text


def test_contacts_sorted_by_initiator_name(analyst_client, calls):
    response = analyst_client.get(URL, {"sort": "initiator"})
    assert shown(response) == [calls["to_raab"], calls["from_lavrov"]]  # Mike < Sergei


def test_contact_row_shows_initiator_others_countries_and_source_count(analyst_client, calls):
    response = analyst_client.get(URL, {"kind": "phone_call"})
    shown_as = shown_rows(response.text)[0]
    assert shown_as["Initiator"] == "Mike Pompeo"
    assert shown_as["Other participants"] == "Dominic Raab"
    assert "United Kingdom" in shown_as["Countries"]
    assert shown_as["Number of sources"] == "1"
    assert shown_as["Date"] == "3 Jan 2020"


def test_contact_dates_show_their_precision(analyst_client, calls):
    make_contact(calls["pompeo"], calls["raab"], date_start=D(2020, 1, 1), date_precision="month")
    text = analyst_client.get(URL).text
    assert "3 Jan 2020" in text and ">Jan 2020<" in text


def test_filters_survive_in_pagination_links(analyst_client, calls):
    for _ in range(3):
        make_contact(calls["pompeo"], calls["raab"])
    response = analyst_client.get(URL, {"participant": "Pompeo", "per_page": 2})
    assert 'href="?participant=Pompeo&amp;per_page=2&amp;page=2"' in response.text
