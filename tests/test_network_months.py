"""A whole month's network is counted once and kept; any edit that touches the month (by
the admin, a service, or an UPDATE in SQL) deletes it, and the next request counts it again."""

import datetime
import json
from itertools import product

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, NetworkMonth, Participant
from contacts.network import months
from contacts.network.analysis import PAIR_LIMIT, counted, reach
from contacts.network.drawn import drawable
from contacts.network.graph import GRAPH_EDGES, MATRIX_SIZE
from contacts.services import merge_people
from tests.factories import CountryFactory, ParticipantFactory, PersonFactory, make_contact

pytestmark = pytest.mark.django_db

JANUARY = {"date_from": "2020-01-01", "date_to": "2020-01-31"}
FEBRUARY = {"date_from": "2020-02-01", "date_to": "2020-02-29"}
D = datetime.date
PAGE = (GRAPH_EDGES, MATRIX_SIZE)  # what the network page draws


@pytest.fixture
def people():
    """Pompeo called Raab twice and Esper once in January; Raab called Esper in February."""
    pompeo, raab, esper = (
        PersonFactory(name="Mike Pompeo", slug="mike-pompeo"),
        PersonFactory(name="Dominic Raab", slug="dominic-raab"),
        PersonFactory(name="Mark Esper", slug="mark-esper"),
    )
    for day in (3, 9):
        make_contact(pompeo, raab, initiator=pompeo, date_start=D(2020, 1, day))
    make_contact(pompeo, esper, initiator=pompeo, date_start=D(2020, 1, 20))
    make_contact(raab, esper, initiator=raab, date_start=D(2020, 2, 4))
    return pompeo, raab, esper


def requested(client, **filters):
    """The network page's pairs and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        context = client.get(reverse("network"), filters).context
    return context, [query["sql"] for query in queries.captured_queries]


def pairs_read(sql):
    return [query for query in sql if "JOIN contacts_participant b" in query]


def kept_months():
    return set(NetworkMonth.objects.exclude(rows="").values_list("month", "group"))


def test_a_whole_months_network_is_counted_once_then_read_back_without_the_pairs_queries(
    analyst_client, people
):
    first, first_sql = requested(analyst_client, **JANUARY)
    second, second_sql = requested(analyst_client, **JANUARY)
    assert len(pairs_read(first_sql)) == 2 and pairs_read(second_sql) == []
    assert kept_months() == {(D(2020, 1, 1), "person")}
    assert second["matrix"] == first["matrix"] and second["elements"] == first["elements"]
    assert len(second_sql) < len(first_sql)


def test_a_kept_month_counts_what_the_live_query_counts(analyst_client, people):
    requested(analyst_client, **JANUARY)
    window = Contact.objects.filter(date_start__range=(D(2020, 1, 1), D(2020, 1, 31)))
    for group, drawn in product(("person", "country"), (None, PAGE)):
        kept = reach(window, group, month=D(2020, 1, 1), drawn=drawn)
        kept_again = reach(window, group, month=D(2020, 1, 1), drawn=drawn)
        assert kept_again == kept == reach(window, group, drawn=drawn)
    kept = reach(window, "person", month=D(2020, 1, 1))
    directed = {(a.label, b.label): n for (a, b), n in kept.directed.items()}
    assert directed == {("Mike Pompeo", "Dominic Raab"): 2, ("Mike Pompeo", "Mark Esper"): 1}


def test_the_page_keeps_what_it_draws_and_reads_it_back_without_choosing_again(
    analyst_client, people, monkeypatch
):
    monkeypatch.setattr("contacts.views.network.GRAPH_EDGES", 1)
    monkeypatch.setattr("contacts.views.network.MATRIX_SIZE", 1)
    first, _ = requested(analyst_client, **JANUARY)
    kept = NetworkMonth.objects.get(month=D(2020, 1, 1), group="person")
    window = Contact.objects.filter(date_start__range=(D(2020, 1, 1), D(2020, 1, 31)))
    directed, undirected, totals = counted(window, "person", PAIR_LIMIT)
    assert kept.drawn == "1x1"
    assert json.loads(kept.rows) == [directed, *drawable(directed, undirected, totals, 1, 1)]
    assert len(json.loads(kept.rows)[2]) == 2 < len(totals)  # Pompeo and Raab, not Esper

    def chosen_again(*args):
        raise AssertionError("a kept month's drawing was chosen again")

    monkeypatch.setattr("contacts.network.analysis.drawable", chosen_again)
    second, _ = requested(analyst_client, **JANUARY)
    assert second["matrix"] == first["matrix"] and second["elements"] == first["elements"]


def test_a_month_kept_for_one_drawing_is_not_read_for_another(analyst_client, people):
    requested(analyst_client, **JANUARY)  # keeps the page's drawing: 250 edges, 25 columns
    window = Contact.objects.filter(date_start__range=(D(2020, 1, 1), D(2020, 1, 31)))
    smaller = reach(window, month=D(2020, 1, 1), drawn=(1, 1))
    assert smaller == reach(window, drawn=(1, 1))
    assert len(smaller.totals) == 2  # the busiest pair's two people
    assert set(NetworkMonth.objects.values_list("drawn", flat=True)) == {"250x25", "1x1"}


@pytest.mark.parametrize(
    "filters",
    [
        {"date_from": "2020-01-01", "date_to": "2020-01-30"},  # not the whole month
        {"date_from": "2020-01-02", "date_to": "2020-01-31"},
        {"date_from": "2020-01-01", "date_to": "2020-02-29"},  # two months
        {**JANUARY, "kind": "phone_call"},  # another filter beside the month
        {**JANUARY, "participant": "mike-pompeo"},
    ],
)
def test_any_other_window_or_filter_is_counted_live_and_not_kept(analyst_client, people, filters):
    _, sql = requested(analyst_client, **filters)
    _, again = requested(analyst_client, **filters)
    assert len(pairs_read(sql)) == 2 and len(pairs_read(again)) == 2
    assert not NetworkMonth.objects.exists()


def test_a_refused_filter_value_is_ignored_and_the_month_still_kept(analyst_client, people):
    context, _ = requested(analyst_client, **JANUARY, kind="bogus")
    assert context["filter"].form.errors["kind"]
    assert kept_months() == {(D(2020, 1, 1), "person")}


def keep_both_months(client):
    for window in (JANUARY, FEBRUARY):
        requested(client, **window)
    assert kept_months() == {(D(2020, 1, 1), "person"), (D(2020, 2, 1), "person")}


def test_a_participant_added_to_a_contact_forgets_that_month_only(analyst_client, people):
    keep_both_months(analyst_client)
    contact = Contact.objects.get(date_start=D(2020, 1, 20))
    ParticipantFactory(contact=contact, person=PersonFactory(name="Ben Wallace"))
    assert kept_months() == {(D(2020, 2, 1), "person")}
    context, _ = requested(analyst_client, **JANUARY)
    assert "Ben Wallace" in {column.label for column in context["columns"]}


def test_an_initiator_changed_in_sql_forgets_the_month(analyst_client, people):
    pompeo, raab, _ = people
    keep_both_months(analyst_client)
    Participant.objects.filter(contact__date_start=D(2020, 2, 4)).update(is_initiator=False)
    assert kept_months() == {(D(2020, 1, 1), "person")}


def test_a_contact_moved_to_another_month_forgets_both(analyst_client, people):
    keep_both_months(analyst_client)
    requested(analyst_client, **{"date_from": "2020-03-01", "date_to": "2020-03-31"})
    contact = Contact.objects.get(date_start=D(2020, 2, 4))
    contact.date_start = contact.date_end = D(2020, 1, 28)
    contact.save()
    assert kept_months() == {(D(2020, 3, 1), "person")}
    context, _ = requested(analyst_client, **JANUARY)
    assert "Dominic Raab" in {node.label for node, _ in context["matrix"]}


def test_a_deleted_contact_forgets_its_month(analyst_client, people):
    keep_both_months(analyst_client)
    Contact.objects.get(date_start=D(2020, 2, 4)).delete()
    assert kept_months() == {(D(2020, 1, 1), "person")}


def test_a_contact_dated_to_a_range_forgets_every_month_it_spans(analyst_client, people):
    keep_both_months(analyst_client)
    make_contact(
        PersonFactory(),
        PersonFactory(),
        date_start=D(2020, 1, 30),
        date_end=D(2020, 2, 2),
        date_precision="range",
    )
    assert kept_months() == set()


def test_merging_people_forgets_the_months_of_the_contacts_moved(analyst_client, people):
    pompeo, raab, esper = people
    duplicate = PersonFactory(name="M. Esper")
    make_contact(pompeo, duplicate, initiator=pompeo, date_start=D(2020, 2, 10))
    keep_both_months(analyst_client)
    merge_people(keep=esper, duplicate=duplicate)
    assert kept_months() == {(D(2020, 1, 1), "person")}
    context, _ = requested(analyst_client, **FEBRUARY)
    assert "M. Esper" not in {column.label for column in context["columns"]}


def test_a_country_network_is_kept_beside_the_peoples(analyst_client, people):
    CountryFactory(code="US")
    requested(analyst_client, **JANUARY, group="country")
    requested(analyst_client, **JANUARY)
    assert kept_months() == {(D(2020, 1, 1), "country"), (D(2020, 1, 1), "person")}


def test_counts_an_edit_overtook_while_counting_are_served_but_not_kept(people):
    def count_while_someone_edits():
        contact = Contact.objects.get(date_start=D(2020, 1, 3))
        ParticipantFactory(contact=contact, person=PersonFactory())
        return [[], [], []]

    assert months.kept(D(2020, 1, 1), "person", count_while_someone_edits) == [[], [], []]
    assert not NetworkMonth.objects.exists()


def test_a_month_being_counted_elsewhere_is_counted_here_too_and_an_abandoned_one_replaced(
    people,
):
    placeholder = NetworkMonth.objects.create(month=D(2020, 1, 1), group="person", rows="")
    rows = [[[1, "", None, 2, "", None, 3]], [], []]
    assert months.kept(D(2020, 1, 1), "person", lambda: rows) == rows
    assert NetworkMonth.objects.get().rows == ""  # the other request's to fill
    long_ago = timezone.now() - months.ABANDONED * 2
    NetworkMonth.objects.filter(pk=placeholder.pk).update(counted_at=long_ago)
    assert months.kept(D(2020, 1, 1), "person", lambda: rows) == rows
    assert json.loads(NetworkMonth.objects.get().rows) == rows


def test_a_month_another_request_began_counting_meanwhile_is_served_and_leaves_no_error(
    people, monkeypatch
):
    from django.db.models import QuerySet

    NetworkMonth.objects.create(month=D(2020, 1, 1), group="person", rows="")
    monkeypatch.setattr(QuerySet, "first", lambda self: None)  # it was not there when read
    rows = [[], [], []]
    assert months.kept(D(2020, 1, 1), "person", lambda: rows) == rows
    monkeypatch.undo()
    assert NetworkMonth.objects.get().rows == ""  # the other request's, still to be filled


def test_loading_a_fixture_forgets_every_kept_month(analyst_client, people, tmp_path):
    keep_both_months(analyst_client)
    fixture = tmp_path / "people.json"
    person = {"model": "contacts.person", "fields": {"name": "Ben Wallace", "slug": "ben-wallace"}}
    fixture.write_text(json.dumps([person]), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert not NetworkMonth.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's edits in flight")
def test_a_month_counted_while_another_transaction_edits_participants_is_not_kept(people):
    """The other transaction's trigger runs (and finds nothing kept to forget) before the
    month is counted, and it commits after: its shared lock keeps the counts from being kept."""
    import psycopg

    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"]
    )
    try:
        other.execute("UPDATE contacts_participant SET is_initiator = is_initiator WHERE false")
        rows = [[], [], []]
        assert months.kept(D(2020, 1, 1), "person", lambda: rows) == rows
        assert NetworkMonth.objects.get().rows == ""  # not kept: replaced once abandoned
    finally:
        other.rollback()
        other.close()
    assert months.kept(D(2020, 2, 1), "person", lambda: rows) == rows
    assert NetworkMonth.objects.get(month=D(2020, 2, 1)).rows == "[[], [], []]"
