"""One person's contacts read through their participations: the page of a person in many
contacts in date order, tested contact by contact; their count and chart from one index."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.lists import timeline
from contacts.lists.filter_fields import CountedFilterSet
from contacts.models import Contact, Participant

from .conftest import body
from .factories import CountryFactory, ParticipantFactory, PersonFactory, make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy():
    """A person in 7 contacts (some dated to ranges), and a contact without them."""
    person, others = PersonFactory(), PersonFactory.create_batch(3)
    for day in (3, 3, 5, 8, 13, 21, 34):
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=day)
        end = start + datetime.timedelta(days=day % 3)
        make_contact(
            person,
            others[day % 3],
            initiator=person,
            date_start=start,
            date_end=end,
            date_precision="range" if end > start else "day",
        )
    make_contact(*others[:2], date_start=datetime.date(2020, 1, 9))
    return person


def listed(client, **query):
    """The contacts page's row keys, its chart and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contact-list"), query)
    table = response.context["table"]
    keys = [row["key"] for row in table.row_source(table.page_ids())]
    return keys, response.context, [q["sql"] for q in queries.captured_queries]


def test_a_frequent_persons_page_lists_the_same_rows_in_the_same_order(
    analyst_client, busy, monkeypatch
):
    query = {"participant": busy.slug, "per_page": 3, "page": 2}
    listed(analyst_client, **query)  # the session's first request makes its own queries
    expected, _, plain = listed(analyst_client, **query)
    monkeypatch.setattr("contacts.lists.filters.FREQUENT", 2)
    keys, _, frequent = listed(analyst_client, **query)
    everything = list(Contact.objects.with_participants(person=busy).values_list("key", flat=True))
    assert expected == everything[3:6]
    assert keys == expected
    assert not any("EXISTS" in sql for sql in plain)
    assert any("EXISTS" in sql and "ORDER BY" in sql for sql in frequent)
    # The participations are read once, charted and counted: the count decides the form.
    alone = [q for q in frequent if '"contacts_participant"' in q and '"contacts_contact"' not in q]
    assert len(alone) == 1 and len(frequent) == len(plain)


def test_one_persons_contacts_are_counted_by_their_chart_from_their_participations(
    analyst_client, busy
):
    _, context, queries = listed(analyst_client, participant=busy.slug)
    charted = [sql for sql in queries if sql.startswith("WITH d(")]  # the chart's query
    assert context["table"].paginator.count == 7
    assert not [sql for sql in queries if sql.startswith("SELECT COUNT(*)")]
    assert len(charted) == 1 and '"contacts_contact"' not in charted[0]


def test_one_persons_chart_reads_their_participations_and_counts_as_the_contacts_do(
    analyst_client, busy
):
    _, context, queries = listed(analyst_client, participant=busy.slug)
    chart = context["contact_chart"]
    charted = [sql for sql in queries if sql.startswith("WITH d(")]  # the chart's query
    expected = timeline.date_counts(Contact.objects.with_participants(person=busy))[0]
    assert chart.contacts == 7 and chart.recent
    assert sorted(timeline.date_counts(None, dates=dates_of(busy))[0]) == sorted(expected)
    assert len(charted) == 1 and '"contacts_contact"' not in charted[0]


def test_another_filter_beside_the_person_charts_the_contacts_themselves(analyst_client, busy):
    _, context, queries = listed(analyst_client, participant=busy.slug, kind="meeting")
    assert not [sql for sql in queries if '"contact_end"' in sql]
    assert context["contact_chart"].contacts == Contact.objects.filter(kind="meeting").count()


def test_a_contacts_new_dates_are_copied_to_its_participants(busy):
    contact = Contact.objects.filter(participants__person=busy).first()
    contact.date_start, contact.date_end = datetime.date(2019, 5, 1), datetime.date(2019, 5, 9)
    contact.date_precision = "range"
    contact.save()
    dates = set(contact.participants.values_list("contact_date", "contact_end"))
    assert dates == {(datetime.date(2019, 5, 1), datetime.date(2019, 5, 9))}


def dates_of(person):
    order = ("-contact_date", "-contact_end", "-contact_id")
    rows = Participant.objects.filter(person=person).order_by(*order)
    return rows.values_list("contact_date", "contact_end", "contact_id")


@pytest.mark.parametrize("cap", range(1, 8))
def test_past_the_cap_the_chart_counts_exactly_the_most_recent_rows(busy, cap):
    """Counted in SQL by date, the rows left out past the cap are the oldest ones, as a
    row-by-row count of the list's first `cap` rows gives (in the list's order)."""
    recent = Contact.objects.with_participants(person=busy).order_by(
        "-date_start", "-date_end", "-pk"
    )
    first = Counter(recent.values_list("date_start", "date_end")[:cap])
    for dates in (None, dates_of(busy)):
        counted, more = timeline.date_counts(recent, cap=cap, dates=dates)
        assert sorted(counted) == sorted((s, e, n) for (s, e), n in first.items())
        assert more == (cap < 7)


@pytest.mark.parametrize("page", ["network", "export"])
def test_the_tested_form_serves_the_table_page_only(analyst_client, busy, monkeypatch, page):
    """The network's pairs and an export read all of the person's contacts: looked up by id,
    not found by testing every contact of the archive."""
    monkeypatch.setattr("contacts.lists.filters.FREQUENT", 2)
    url, query = reverse("contact-list"), {"participant": busy.slug, "_export": "csv"}
    if page == "network":
        url, query = reverse("network"), {"participant": busy.slug}
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(url, query)
        content = body(response)
    assert response.status_code == 200 and busy.name.encode() in content
    assert not [q["sql"] for q in queries.captured_queries if "EXISTS(" in q["sql"]]


def test_past_the_cap_a_tie_on_the_start_leaves_out_the_one_ending_first(busy):
    """Two contacts begin on the same day, the older (lower id) running longer: the list
    shows it first (start, end, id, all descending), so the row past the cap is the
    other one, though its id is higher."""
    other = PersonFactory()
    day = datetime.date(2019, 6, 10)
    longer = make_contact(
        busy,
        other,
        date_start=day,
        date_end=day + datetime.timedelta(days=2),
        date_precision="range",
    )
    make_contact(busy, other, date_start=day, date_end=day)
    recent = Contact.objects.filter(pk__gte=longer.pk).order_by("-date_start", "-pk")
    for dates in (None, dates_of(busy).filter(contact__gte=longer.pk)):
        counted, more = timeline.date_counts(recent, cap=1, dates=dates)
        assert (counted, more) == ([(day, day + datetime.timedelta(days=2), 1)], True)


@pytest.fixture
def shared_country():
    """Five contacts in which two French participants take part, and one without France."""
    france, iraq = CountryFactory(code="FR"), CountryFactory(code="IQ")
    for day in (2, 3, 3, 9, 12):
        contact = make_contact(PersonFactory(), date_start=datetime.date(2020, 1, day))
        for _ in range(2):
            ParticipantFactory(contact=contact, person=PersonFactory(), country=france)
    other = make_contact(PersonFactory(), date_start=datetime.date(2020, 1, 5))
    ParticipantFactory(contact=other, person=PersonFactory(), country=iraq)
    return france


def test_a_countrys_contacts_are_counted_and_charted_once_each_from_its_participations(
    analyst_client, shared_country
):
    keys, context, queries = listed(analyst_client, country=shared_country.pk)
    expected = Contact.objects.with_country(shared_country).order_by("-date_start", "-pk")
    assert keys == list(expected.values_list("key", flat=True)) and len(keys) == 5
    assert context["table"].paginator.count == 5
    chart = context["contact_chart"]
    assert chart.contacts == 5
    assert sum(bar.within for bar in chart.bars) == 5
    charted = [sql for sql in queries if sql.startswith("WITH d(")]  # chart and count
    assert not [sql for sql in queries if sql.startswith("SELECT COUNT(*)")]
    assert len(charted) == 1 and '"contacts_contact"' not in charted[0]


def test_a_countrys_facets_sample_its_contacts_from_its_participations_once_each(
    analyst_client, shared_country
):
    _, context, queries = listed(analyst_client, country=shared_country.pk)
    (faceted,) = [sql for sql in queries if sql.startswith("WITH facet_rows")]
    sample = faceted[: faceted.index("), facet_")]
    assert "GROUP BY" in sample and '"contacts_contact"' not in sample  # once per contact
    kinds = {f.facet.param: f.items for f in context["facets"]}["kind"]
    assert [(item.label, item.count) for item in kinds] == [("Phone call", "5")]


def test_a_busy_countrys_page_is_read_in_date_order_with_the_same_rows(
    analyst_client, shared_country, monkeypatch
):
    query = {"country": shared_country.pk, "per_page": 2, "page": 2}
    listed(analyst_client, **query)
    expected, _, plain = listed(analyst_client, **query)
    monkeypatch.setattr("contacts.lists.filters.FREQUENT", 2)
    keys, context, frequent = listed(analyst_client, **query)
    assert keys == expected and len(keys) == 2
    assert context["table"].paginator.count == 5
    assert any("EXISTS" in sql and "ORDER BY" in sql for sql in frequent)
    assert not any("EXISTS" in sql for sql in plain)


def exported(client, **query):
    """The CSV's lines (its body read) and the queries that read it."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contact-list"), {**query, "_export": "csv"})
        lines = body(response).splitlines()
    return lines, [q["sql"] for q in queries.captured_queries]


def by_date(sql):
    """The queries reading participations newest first (start, end, contact), those
    dates read with the ids (a page) or not (an export: the ids alone)."""
    newest = (
        "ORDER BY 1 DESC, 2 DESC, 3 DESC",
        'ORDER BY "contacts_participant"."contact_date" DESC',
    )
    return [q for q in sql if any(n in q for n in newest) and '"contacts_contact"' not in q]


def test_one_persons_export_reads_their_contacts_newest_first_from_their_participations(
    analyst_client, busy, monkeypatch
):
    lines, queries = exported(analyst_client, participant=busy.slug)
    assert len(lines) == 8 and len(by_date(queries)) == 1  # the header and seven contacts
    monkeypatch.setattr(CountedFilterSet, "export_rows", lambda self, order_by: None)
    assert exported(analyst_client, participant=busy.slug)[0] == lines


def test_a_countrys_export_lists_each_contact_once_in_the_same_order(
    analyst_client, shared_country, monkeypatch
):
    lines, queries = exported(analyst_client, country=shared_country.pk)
    assert len(lines) == 6 and len(set(lines)) == 6 and len(by_date(queries)) == 1
    monkeypatch.setattr(CountedFilterSet, "export_rows", lambda self, order_by: None)
    assert exported(analyst_client, country=shared_country.pk)[0] == lines


def test_an_export_in_another_order_reads_the_contacts_as_the_table_does(analyst_client, busy):
    lines, queries = exported(analyst_client, participant=busy.slug, sort="kind")
    assert len(lines) == 8 and by_date(queries) == []
