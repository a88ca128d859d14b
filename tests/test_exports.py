import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from contacts.exports.reading import Record
from tests.conftest import body
from tests.factories import (
    AliasFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_contacts(pair):
    caller, callee, contact = pair
    other = make_contact(PersonFactory(), PersonFactory(), kind="meeting")
    return contact, other


def test_json_export_is_an_array_of_plain_text_objects_keyed_by_column(
    analyst_client, two_contacts
):
    response = analyst_client.get(reverse("contact-list"), {"_export": "json"})
    rows = json.loads(body(response))
    assert isinstance(rows, list) and len(rows) == 2
    call = next(row for row in rows if row["Kind"] == "Phone call")
    assert call["Date"] == "2020-01-03"
    assert call["Initiator"] == "Mike Pompeo" and call["Other participants"] == "Dominic Raab"
    assert "<" not in json.dumps(rows)


def test_export_contains_exactly_the_filtered_rows(analyst_client, two_contacts):
    response = analyst_client.get(reverse("contact-list"), {"_export": "json", "kind": "meeting"})
    assert [row["Kind"] for row in json.loads(body(response))] == ["Meeting"]


def test_export_carries_sources_and_excerpts(analyst_client, two_contacts):
    contact, _ = two_contacts
    source = contact.citations.get().source
    source.url = "https://example.org/story"
    source.save()
    response = analyst_client.get(
        reverse("contact-list"), {"_export": "json", "kind": "phone_call"}
    )
    row = json.loads(body(response))[0]
    [cited] = row["evidence"]
    assert cited["source"] == source.title and cited["url"] == "https://example.org/story"
    assert cited["excerpt"] == "The two ministers spoke by phone on Friday."
    assert row["Sources"] == 1
    assert row["CAMEO"] == "041" and row["PLOVER"] == "CONSULT-phone"


def test_csv_export_has_a_header_and_one_line_per_row(analyst_client, two_contacts):
    response = analyst_client.get(reverse("contact-list"), {"_export": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="contacts_')
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 2 and {row["Kind"] for row in rows} == {"Phone call", "Meeting"}


def test_xlsx_export_opens_as_a_workbook(analyst_client, two_contacts):
    response = analyst_client.get(reverse("contact-list"), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    assert sheet.max_row == 3  # header and two rows


def test_export_ignores_pagination(analyst_client, two_contacts):
    response = analyst_client.get(reverse("contact-list"), {"_export": "json", "per_page": 1})
    assert len(json.loads(body(response))) == 2


def test_statement_export_marks_paraphrases_and_lists_sources(analyst_client, db):
    statement = StatementFactory(text="He called for restraint", is_verbatim=False)
    source = SourceFactory(text="He called for restraint.")
    statement.citations.create(source=source, excerpt="He called for restraint.")
    response = analyst_client.get(reverse("statement-list"), {"_export": "json"})
    row = json.loads(body(response))[0]
    assert row["Text"] == "He called for restraint [paraphrase]"
    assert row["Sources"] == 1
    assert [(e["source"], e["excerpt"]) for e in row["evidence"]] == [
        (source.title, "He called for restraint.")
    ]


def test_people_export_lists_aliases_plainly(analyst_client, pair):
    caller, callee, contact = pair
    AliasFactory(person=caller, name="Michael R. Pompeo")
    AliasFactory(person=caller, name="Майк Помпео")
    response = analyst_client.get(reverse("person-list"), {"_export": "csv"})
    rows = {
        row["Name"]: row for row in csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")))
    }
    assert set(rows["Mike Pompeo"]["Also known as"].split("; ")) == {
        "Michael R. Pompeo",
        "Майк Помпео",
    }
    assert "<" not in rows["Mike Pompeo"]["Also known as"]


def test_xlsx_export_carries_the_evidence_the_page_does_not_load(analyst_client, two_contacts):
    import io

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from openpyxl import load_workbook

    with CaptureQueriesContext(connection) as queries:
        analyst_client.get(reverse("contact-list"))
    assert not [q for q in queries.captured_queries if 'FROM "contacts_citation"' in q["sql"]]
    response = analyst_client.get(reverse("contact-list"), {"_export": "xlsx"})
    evidence = load_workbook(io.BytesIO(response.content))["evidence"]
    headers = [cell.value for cell in evidence[1]]
    rows = list(evidence.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2 and all(row[headers.index("Excerpt")] for row in rows)


def test_people_xlsx_export_works_past_a_thousand_organisations(analyst_client, db):
    """Reading the table's own rows prefetched every office's organisation in one query,
    which SQLite refuses past 1,000 ("Expression tree is too large")."""
    from contacts.models import OfficeHolding, Organisation, OrganisationKind, Person, Role
    from contacts.text import name_key

    names = [f"Official {number}" for number in range(1100)]
    people = Person.objects.bulk_create(
        Person(name=name, slug=f"official-{n}", name_key=name_key(name))
        for n, name in enumerate(names)
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Ministry {n}", kind=OrganisationKind.GOVERNMENT) for n in range(1100)
    )
    OfficeHolding.objects.bulk_create(
        OfficeHolding(
            person=person, organisation=organisation, title="Minister", role=Role.MINISTER
        )
        for person, organisation in zip(people, organisations, strict=True)
    )
    response = analyst_client.get(reverse("person-list"), {"_export": "xlsx"})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(body(response))).active.values)
    assert rows[0][:3] == ("Name", "Country", "Offices") and len(rows) == 1101
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Official 7"][2] == "Minister, Ministry 7"


# The evidence CSV: on PostgreSQL the table's own CSV is written by COPY, not `records`.
@pytest.mark.parametrize("query", [{"_export": "json"}, {"_export": "csv", "part": "evidence"}])
def test_a_streamed_export_that_fails_half_way_fails_the_request_in_tests(
    analyst_client, pair, monkeypatch, query
):
    def broken(self, queryset, *, evidence):
        yield Record("k", "link", ["first row"] * len(self.headers))
        raise RuntimeError("the export broke after its first row")

    monkeypatch.setattr("contacts.exports.contacts.ContactRows.records", broken)
    with pytest.raises(RuntimeError, match="broke after its first row"):
        analyst_client.get(reverse("contact-list"), query)


@pytest.mark.parametrize("path", ["/contacts/", "/statements/"])
def test_a_dated_record_exports_its_day_or_its_range_as_iso_8601(analyst_client, path):
    day, start, end = (datetime.date(*d) for d in [(2020, 1, 3), (999, 12, 30), (2020, 1, 5)])
    spanning = {"date_start": start, "date_end": end, "date_precision": "range"}
    contact = make_contact(PersonFactory(), PersonFactory(), **spanning)
    make_contact(PersonFactory(), PersonFactory(), date_start=day)
    StatementFactory(date_start=day)
    StatementFactory(**spanning, contact=contact)
    text = body(analyst_client.get(path, {"_export": "csv"})).decode("utf-8-sig")
    dates = [row["Date"] for row in csv.DictReader(io.StringIO(text))]
    assert dates == ["2020-01-03", "0999-12-30/2020-01-05"]


@pytest.mark.parametrize("sort", [None, "date", "-kind", "initiator", "-location", "source_count"])
def test_a_whole_table_exports_in_one_query_in_the_order_a_filtered_one_has(
    analyst_client, sort, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("contacts.rows.contacts.STREAMED_CHUNK", 2)
    people = [PersonFactory(name=name) for name in ["Zarif", "Abe", "Maas", "Raab"]]
    for n, kind in enumerate(["meeting", "phone_call", "visit", "phone_call", "meeting"]):
        make_contact(
            people[n % 4],
            people[(n + 1) % 4],
            initiator=people[n % 4] if n % 2 else None,
            kind=kind,
            location=["Tehran", "", "Berlin"][n % 3],
            date_start=datetime.date(2020, 1, 1 + n % 3),
        )
    query = {"_export": "csv", **({"sort": sort} if sort else {})}

    def keys(**extra):
        with CaptureQueriesContext(connection) as queries:
            text = body(analyst_client.get("/contacts/", {**query, **extra})).decode("utf-8-sig")
        reads = [q for q in queries.captured_queries if 'FROM "contacts_contact"' in q["sql"]]
        return [row["Key"] for row in csv.DictReader(io.StringIO(text))], len(reads)

    whole, whole_reads = keys()
    filtered, filtered_reads = keys(date_from="1900-01-01")  # read by ids, a chunk at a time
    assert len(whole) == 5 and whole == filtered
    assert whole_reads == 1 and filtered_reads > 1


def test_a_whole_table_sorted_by_two_columns_is_read_by_ids_not_sorted_whole(analyst_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for location in ["Tehran", "Berlin"]:
        make_contact(PersonFactory(), PersonFactory(), location=location)
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get("/contacts/", {"_export": "csv", "sort": "kind,location"})
        text = body(response).decode("utf-8-sig")
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "contacts_contact"' in q["sql"]]
    locations = [row["Location"] for row in csv.DictReader(io.StringIO(text))]
    assert locations == ["Tehran", "Berlin"]  # the kind's sort goes on by date and id
    assert 'SELECT "contacts_contact"."id" AS "pk" FROM' in reads[0] and len(reads) == 2
