"""The contacts' CSV written from cells the database computes (PostgreSQL's COPY, SQLite's
fetched rows) is the same bytes as Python's writer's."""

import csv
import datetime
import io
import sqlite3

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.exports import copied, in_sql
from contacts.exports.contacts import ContactRows
from contacts.exports.copied import database_csv
from contacts.exports.in_sql import copies
from contacts.exports.writers import csv_stream
from contacts.models import Contact, ContactKind, Person
from tests.conftest import body
from tests.factories import PersonFactory, make_contact

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


def from_cells(queries):
    """The queries that read the cells an export writes (`in_sql.queries`), on either
    database."""
    return [q for q in queries.captured_queries if '"cell_0"' in q["sql"] or " cell_0" in q["sql"]]


HOSTILE_SUMMARIES = [
    "A plain summary",
    'He said "no", twice, then left',
    "Line one\nline two",
    "Carriage\rreturn",
    '=HYPERLINK("http://evil")',
    "+1 and -1",
    "-minus first",
    "@mention first",
    "\ttab first",
    "واشنطن وطهران، مكالمة",
    "Москва, «переговоры»",
    "Émilie's café 😀",
    "",
    ",",
    '"',
    "\rcarriage return first",
]


@pytest.fixture
def hostile_contacts(db):
    people = [
        PersonFactory(name="=Formula Person"),
        PersonFactory(name='Quoted "Nick" Name'),
        PersonFactory(name="Comma, Person"),
        PersonFactory(name="Сергей Лавров"),
    ]
    kinds = list(ContactKind)
    for index, summary in enumerate(HOSTILE_SUMMARIES):
        a, b = people[index % 4], people[(index + 1) % 4]
        start = datetime.date(2020, 1, 1) + datetime.timedelta(days=index)
        make_contact(
            a,
            b,
            initiator=a if index % 3 else None,
            initiator_certainty=["unknown", "stated", "implied"][index % 3],
            key="=1+1" if index == 5 else None,
            kind=kinds[index % len(kinds)],
            summary=summary,
            location=["", "Baghdad", "Genève, CH", "-Nowhere"][index % 4],
            date_start=start,
            date_end=start + datetime.timedelta(days=index % 3),
        )
    return Contact.objects.order_by("-date_start", "-id")


@pytest.fixture
def many_contacts(hostile_contacts):
    """More rows than the first chunk and more bytes than a block (`copied.BLOCK`)."""
    people = list(Person.objects.all())
    for index in range(120):
        make_contact(
            people[index % 4],
            people[(index + 2) % 4],
            summary=f"Row {index}, " + "long text " * 60,
            date_start=datetime.date(2019, 1, 1) + datetime.timedelta(days=index),
        )
    return hostile_contacts


def bytes_of(chunks):
    """A CSV's chunks as bytes: COPY's are bytes, the fetched rows' text (encoded by the
    response, as Python's writer's are)."""
    return [chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in chunks]


def python_written(rows):
    exporter = ContactRows(BASE)
    return "".join(csv_stream(exporter, exporter.records(rows, evidence=False))).encode()


def test_the_database_writes_the_same_bytes_as_the_python_writer_on_hostile_text(
    hostile_contacts,
):
    copied = b"".join(bytes_of(database_csv(ContactRows(BASE), hostile_contacts)))
    assert copied == python_written(hostile_contacts)
    rows = list(csv.reader(io.StringIO(copied.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(HOSTILE_SUMMARIES)
    summaries = {row[8] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil")' in summaries and "Line one\nline two" in summaries


def test_the_contacts_csv_is_written_from_the_databases_cells_as_the_python_writer_would(
    analyst_client, many_contacts
):
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(reverse("contact-list"), {"_export": "csv"})
        written = body(response)
    assert len(from_cells(queries)) == 1  # a whole table: one query along its index
    assert written == python_written(many_contacts)
    assert len(written) > copied.BLOCK and written.count(b"\r\n") > 120


def test_a_contact_of_a_kind_no_longer_offered_exports_its_stored_value_on_every_path(
    analyst_client, hostile_contacts
):
    Contact.objects.filter(pk=hostile_contacts.last().pk).update(
        kind="telegram", initiator_certainty="guessed"
    )
    for query in ({}, {"date_from": "1900-01-01"}):  # a whole table; a filtered one
        text = body(analyst_client.get(reverse("contact-list"), {"_export": "csv", **query}))
        rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
        oldest = rows[-1]
        assert (oldest["Kind"], oldest["Initiator certainty"]) == ("telegram", "guessed")
        assert oldest["CAMEO"] == oldest["PLOVER"] == ""
    assert body(analyst_client.get(reverse("contact-list"), {"_export": "csv"})) == (
        python_written(hostile_contacts)
    )


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # a cursor left
@pytest.mark.parametrize("filtered", [False, True], ids=["whole table", "filtered list"])
def test_a_csv_left_after_its_first_lines_leaves_the_request_transaction_usable(
    hostile_contacts, monkeypatch, filtered
):
    # 8 MB of lines: more than the sockets hold, so the server is still sending.
    long = "word " * 800
    Contact.objects.bulk_create(
        Contact(
            key=f"bulk-{n}",
            kind="meeting",
            date_start=datetime.date(2019, 1, 1),
            date_end=datetime.date(2019, 1, 1),
            summary=long,
        )
        for n in range(2000)
    )
    monkeypatch.setattr(copied, "BLOCK", 1)  # a COPY's block per line: left mid-way
    rows = Contact.objects.order_by("-date_start", "-id")
    if filtered:  # read by ids: the query left is one of a group, the ids' cursor left open
        monkeypatch.setattr("contacts.exports.reading.FIRST_CHUNK", 1900)
        rows = rows.filter(kind="meeting")
    opened, cursor = [], connection.cursor
    monkeypatch.setattr(connection, "cursor", lambda: opened.append(cursor()) or opened[-1])
    stream = database_csv(ContactRows(BASE), rows)
    assert bytes_of([next(stream)])[0].startswith("\ufeffKey,".encode())
    assert 0 < bytes_of([next(stream)])[0].count(b"\r\n") < 1000  # not the whole list
    stream.close()  # the client went away: psycopg cancels a COPY, SQLite's cursor closes
    assert opened and all(closed(wrapper.cursor) for wrapper in opened)
    assert Person.objects.count() == 4


def closed(cursor):
    """Whether a database cursor (psycopg's, or sqlite3's, which does not say) is closed."""
    if hasattr(cursor, "closed"):
        return cursor.closed
    try:
        cursor.fetchone()
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed cursor."
        return True
    return False


def test_only_a_tables_own_csv_is_written_from_the_databases_cells_not_its_evidence(
    hostile_contacts,
):
    exporter = ContactRows(BASE)
    assert copies(exporter, None)
    assert not copies(exporter, "evidence")


FILTERED_LISTS = [
    {"date_from": "2019-01-01"},  # a filter: ids read by the list's query
    {"participant": "Comma, Person"},  # one person's: ids from their participations
    {"q": "long text"},  # a search
    {"sort": "kind,location"},  # a whole table in an order no index gives
]


@pytest.mark.parametrize("query", FILTERED_LISTS)
def test_a_filtered_lists_csv_is_read_by_groups_of_ids_in_the_lists_order(
    analyst_client, many_contacts, monkeypatch, query
):
    monkeypatch.setattr("contacts.exports.reading.CHUNK", 5)  # ids read 5 at a time,
    monkeypatch.setattr(in_sql, "GROUP", 7)  # copied 10 at a time, each group in order
    asked = {"_export": "csv", **query}
    if "participant" in query:  # by the person's slug, as the list's links give it
        asked["participant"] = Person.objects.get(name=query["participant"]).slug
    with CaptureQueriesContext(connection) as queries:
        written = body(analyst_client.get(reverse("contact-list"), asked))
    copies_run = from_cells(queries)
    monkeypatch.setattr("contacts.views.base.copies", lambda exporter, part: False)  # Python's
    assert written == body(analyst_client.get(reverse("contact-list"), asked))
    lines = written.count(b"\r\n") - 1
    groups = 1 + -(-(lines - 50) // 10)  # the first 50 alone (the first lines leave early)
    assert lines > 60 and len(copies_run) == groups


class ListedIds:
    """Ids read another way (as `reading.IdsInOrder` gives them), here with one listed twice
    and one whose row is gone."""

    def __init__(self, ids):
        self.listed = ids

    def ids(self):
        yield from self.listed


def test_an_id_listed_twice_is_written_twice_and_a_gone_one_skipped_as_python_does(
    hostile_contacts,
):
    first, second = hostile_contacts[0].pk, hostile_contacts[1].pk
    listed = ListedIds([second, first, second, 10**12])
    copied_bytes = b"".join(bytes_of(database_csv(ContactRows(BASE), listed)))
    assert copied_bytes == python_written(listed)
    keys = [row["Key"] for row in csv.DictReader(io.StringIO(copied_bytes.decode("utf-8-sig")))]
    assert keys == [hostile_contacts[i].key for i in (1, 0, 1)]


def test_csv_lines_end_with_crlf_and_a_carriage_return_is_quoted(analyst_client, hostile_contacts):
    text = body(analyst_client.get(reverse("contact-list"), {"_export": "csv"})).decode()
    assert text.startswith("\ufeffKey,Date,Kind,") and text.endswith("\r\n")
    assert text.count("\r\n") == 1 + len(HOSTILE_SUMMARIES)
    assert '"Carriage\rreturn"' in text and '"Line one\nline two"' in text
