"""The query shapes that keep large archives fast must still give the right answers."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from contacts.models import Contact, DatePrecision, Statement
from contacts.network.analysis import counterparts
from tests.factories import PersonFactory, StatementFactory, make_contact

pytestmark = pytest.mark.django_db


def day(text):
    return datetime.date.fromisoformat(text)


def shown(response):
    return [row.record for row in response.context["table"].page.object_list]


@pytest.fixture
def dated_contacts():
    a, b = PersonFactory(), PersonFactory()
    return {
        "before": make_contact(a, b, date_start=day("2019-12-20")),
        "inside": make_contact(a, b, date_start=day("2020-01-04")),
        "after": make_contact(a, b, date_start=day("2020-02-01")),
        "month": make_contact(a, b, date_start=day("2019-12-01"), date_precision="month"),
        "range": make_contact(
            a,
            b,
            date_start=day("2019-11-01"),
            date_end=day("2020-03-01"),
            date_precision=DatePrecision.RANGE,
        ),
    }


def test_date_window_finds_records_starting_inside_or_spanning_into_it(
    analyst_client, dated_contacts
):
    response = analyst_client.get(
        reverse("contact-list"), {"date_from": "2019-12-25", "date_to": "2020-01-10"}
    )
    expected = {dated_contacts[name] for name in ("inside", "month", "range")}
    assert set(shown(response)) == expected


def test_date_window_open_at_the_end_keeps_everything_after_its_start(
    analyst_client, dated_contacts
):
    response = analyst_client.get(reverse("contact-list"), {"date_from": "2020-01-10"})
    assert set(shown(response)) == {dated_contacts["after"], dated_contacts["range"]}


def test_date_window_open_at_the_start_keeps_everything_before_its_end(
    analyst_client, dated_contacts
):
    response = analyst_client.get(reverse("contact-list"), {"date_to": "2019-11-30"})
    assert shown(response) == [dated_contacts["range"]]


def test_statement_date_window_includes_a_month_spanning_into_it(analyst_client):
    month = StatementFactory(date_start=day("2019-12-01"), date_precision="month")
    StatementFactory(date_start=day("2019-11-15"))
    response = analyst_client.get(
        reverse("statement-list"), {"date_from": "2019-12-20", "date_to": "2020-01-10"}
    )
    assert shown(response) == [month]


def test_date_window_is_two_indexable_ranges(dated_contacts):
    from contacts.models.dates import overlapping

    sql = str(Contact.objects.filter(overlapping(day("2019-12-25"), day("2020-01-10"))).query)
    starts_inside = '"date_start" >= 2019-12-25 AND "contacts_contact"."date_start" <= 2020-01-10'
    spans_into = '"date_end" > ("contacts_contact"."date_start")'
    assert starts_inside in sql and spans_into in sql and " OR " in sql


def test_participant_slug_means_that_person_only(analyst_client):
    pompeo = PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    namesake = PersonFactory(name="Mike Pompeo Junior")
    other = PersonFactory()
    theirs = make_contact(pompeo, other)
    make_contact(namesake, other)
    response = analyst_client.get(reverse("contact-list"), {"participant": "mike-pompeo"})
    assert shown(response) == [theirs]
    by_name = analyst_client.get(reverse("contact-list"), {"participant": "Mike Pompeo"})
    assert len(shown(by_name)) == 2


def test_counterparts_are_counted_over_the_most_recent_contacts():
    me, old_friend, new_friend = PersonFactory(), PersonFactory(), PersonFactory()
    for month in (1, 2, 3):
        make_contact(me, old_friend, date_start=datetime.date(2019, month, 1))
    for month in (1, 2):
        make_contact(me, new_friend, date_start=datetime.date(2021, month, 1))
    ranking, window_full = counterparts(me, window=2)
    assert [(entry.label, entry.total) for entry in ranking] == [(new_friend.name, 2)]
    assert window_full
    everything, window_full = counterparts(me, window=10)
    assert [entry.total for entry in everything] == [3, 2] and not window_full


def test_person_page_says_when_counterparts_are_counted_over_a_window(analyst_client, monkeypatch):
    me, other = PersonFactory(), PersonFactory()
    for month in (1, 2, 3):
        make_contact(me, other, date_start=datetime.date(2020, month, 1))
    monkeypatch.setattr("contacts.views.details.COUNTERPART_WINDOW", 2)
    response = analyst_client.get(me.get_absolute_url())
    assert response.context["counterparts"][0].total == 2
    assert "Counted over the 2 most recent contacts" in response.text


def test_generation_puts_back_every_index_it_set_aside():
    def indexes():
        with connection.cursor() as cursor:
            return {
                (table, name)
                for table in (Contact._meta.db_table, Statement._meta.db_table)
                for name in connection.introspection.get_constraints(cursor, table)
            }

    before = indexes()
    call_command("generate_synthetic", contacts=50, seed=2, verbosity=0)
    assert indexes() == before


def test_participants_carry_their_contacts_date_through_edits():
    contact = make_contact(PersonFactory(), PersonFactory(), date_start=day("2020-01-03"))
    assert set(contact.participants.values_list("contact_date", flat=True)) == {day("2020-01-03")}
    contact.date_start = day("2020-02-01")
    contact.save()
    assert set(contact.participants.values_list("contact_date", flat=True)) == {day("2020-02-01")}


def test_person_timeline_lists_the_latest_contacts_first_from_the_participant_index():
    me, other = PersonFactory(), PersonFactory()
    old = make_contact(me, other, date_start=day("2019-01-01"))
    new = make_contact(me, other, date_start=day("2021-01-01"))
    assert list(Contact.objects.latest_of(me, 1)) == [new]
    assert set(Contact.objects.latest_of(me, 5)) == {old, new}


def test_date_window_is_one_range_when_nothing_spans_into_it(analyst_client):
    a, b = PersonFactory(), PersonFactory()
    inside = make_contact(a, b, date_start=day("2020-01-04"))
    response = analyst_client.get(
        reverse("contact-list"), {"date_from": "2020-01-01", "date_to": "2020-01-31"}
    )
    assert shown(response) == [inside]
    assert " OR " not in str(response.context["filter"].qs.query)
    make_contact(a, b, date_start=day("2019-12-01"), date_precision="month")
    again = analyst_client.get(
        reverse("contact-list"), {"date_from": "2019-12-15", "date_to": "2020-01-31"}
    )
    assert " OR " in str(again.context["filter"].qs.query)
    assert len(shown(again)) == 2


@pytest.mark.parametrize(
    "start, end",
    [
        ("2019-12-25", "2020-01-10"),
        ("2020-01-04", "2020-01-04"),
        ("2020-01-10", None),
        (None, "2019-11-30"),
        ("2020-03-02", "2020-04-01"),
    ],
)
def test_date_window_selects_what_the_textbook_overlap_test_selects(dated_contacts, start, end):
    from contacts.models.dates import overlapping

    start, end = (day(value) if value else None for value in (start, end))
    textbook = Contact.objects.all()
    if start:
        textbook = textbook.filter(date_end__gte=start)
    if end:
        textbook = textbook.filter(date_start__lte=end)
    assert set(Contact.objects.filter(overlapping(start, end))) == set(textbook)


def test_whether_a_record_spans_into_a_window_is_read_from_the_spanning_index(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from contacts.models.dates import any_spanning_into

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
    with CaptureQueriesContext(connection) as queries:
        assert any_spanning_into(Contact, day("2020-01-01")) is False
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(explain + query["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "contact_spanning" in plan
