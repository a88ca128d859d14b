"""Exports at scale: streamed, read a chunk of ids at a time (the contacts' CSV from cells in SQL),
their many-to-many columns aggregated per chunk, never per row (timings live in bench/)."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import body
from tests.factories import PersonFactory, StatementFactory, make_contact

pytestmark = pytest.mark.django_db


def test_csv_export_streams(analyst_client, pair):
    response = analyst_client.get(reverse("contact-list"), {"_export": "csv"})
    assert response.streaming
    assert b"Mike Pompeo" in body(response)


def test_json_export_streams(analyst_client, pair):
    StatementFactory(speaker=pair[0], text="We talked")
    response = analyst_client.get(reverse("statement-list"), {"_export": "json"})
    assert response.streaming
    assert [row["Text"] for row in json.loads(body(response))] == ["“We talked”"]


def export_reads(client, name, monkeypatch, **query):
    """(CSV lines, the export's queries of the app's tables), read two rows per chunk."""
    monkeypatch.setattr("contacts.exports.reading.CHUNK", 2)
    monkeypatch.setattr("contacts.exports.reading.FIRST_CHUNK", 2)
    people = PersonFactory.create_batch(4)
    for first, second in [(0, 1), (1, 2), (2, 3)]:
        contact = make_contact(people[first], people[second], initiator=people[first])
        StatementFactory(speaker=people[first], contact=contact)
    with CaptureQueriesContext(connection) as queries:
        lines = body(client.get(reverse(name), {"_export": "csv", **query})).splitlines()
    reads = [q["sql"] for q in queries.captured_queries if "contacts_" in q["sql"]]
    return lines, reads, people


@pytest.mark.parametrize("name", ["statement-list", "person-list"])
def test_export_aggregates_many_to_many_columns_per_chunk_not_per_row(
    analyst_client, name, monkeypatch
):
    lines, reads, _ = export_reads(analyst_client, name, monkeypatch)
    chunks = [sql for sql in reads if "JSON_GROUP_ARRAY" in sql or "JSON_AGG" in sql]
    rows = len(lines) - 1
    assert rows >= 3
    assert len(chunks) == (rows + 1) // 2  # one aggregating read per chunk of 2
    assert len(reads) == len(chunks) + 1  # and one read of the ordered ids


@pytest.mark.parametrize("query", [{"kind": "phone_call"}, {}])
def test_the_contacts_csv_reads_its_rows_from_the_contacts_table_alone(
    analyst_client, monkeypatch, query
):
    lines, reads, people = export_reads(analyst_client, "contact-list", monkeypatch, **query)
    rows = len(lines) - 1
    assert rows == 3
    if query:  # the ordered ids, then the cells by ids (`copied`): COPY on PostgreSQL
        assert len(reads) == 1 + (rows + 1) // 2  # the first chunk alone, then a group
        joined = "unnest(" if connection.vendor == "postgresql" else "json_each("
        assert all("cell_0" in sql and joined in sql for sql in reads[1:])
    else:  # a whole table: its rows, in one query
        assert len(reads) == 1
    assert not [sql for sql in reads if "contacts_participant" in sql]
    assert not [sql for sql in reads if "contacts_citation" in sql]
    text = b"\n".join(lines).decode()
    assert all(person.name in text for person in people)  # participants, from the row


def test_export_keeps_the_tables_order(analyst_client):
    a, b = PersonFactory(), PersonFactory()
    for month in (3, 1, 2):
        make_contact(a, b, date_start=datetime.date(2020, month, 1))
    response = analyst_client.get(reverse("contact-list"), {"_export": "csv"})
    rows = csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")))
    assert [row["Date"] for row in rows] == ["2020-03-01", "2020-02-01", "2020-01-01"]


def test_xlsx_export_is_refused_past_its_limit_with_a_pointer_to_csv(analyst_client, settings):
    settings.XLSX_EXPORT_LIMIT = 2
    for _ in range(3):
        StatementFactory()
    response = analyst_client.get(reverse("statement-list"), {"_export": "xlsx"})
    assert response.status_code == 200
    assert not response.has_header("Content-Disposition")  # the page, not a file
    assert (
        "XLSX exports stop at 2 rows, and these filters match more. Export CSV instead"
        in response.text
    )
    assert 'href="/statements/?_export=csv"' in response.text


def test_streamed_export_sends_its_first_rows_before_a_full_chunk(analyst, monkeypatch):
    analyst_client = Client()  # Django's own client: it leaves the body to be read lazily
    analyst_client.force_login(analyst)
    monkeypatch.setattr("contacts.exports.writers.FIRST_ROWS", 2)
    a, b = PersonFactory(), PersonFactory()
    for month in (1, 2, 3):
        make_contact(a, b, date_start=datetime.date(2020, month, 1))
    savepoints = len(connection.savepoint_ids)
    response = analyst_client.get(reverse("contact-list"), {"_export": "csv"})
    first = next(iter(response.streaming_content))
    response.close()  # as a server does when the client goes: ends the export's transaction
    assert first.count(b"\n") == 2  # the header and one row, not the whole export
    assert len(connection.savepoint_ids) == savepoints
