"""Exports that keep their meaning: one row source for CSV, JSON and XLSX, the initiator's
certainty, evidence as source-and-excerpt pairs, working links, telling file names, a BOM."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import body
from tests.factories import (
    CitationFactory,
    CountryFactory,
    ParticipantFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db

LISTS = ["contact-list", "statement-list", "person-list", "source-list"]
FIRST_ARTICLE = "Pompeo called Le Drian. “We agreed,” said François."
SECOND_ARTICLE = "The call was about Iran. Officials called it “frank”."


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def sheets(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [["" if v is None else str(v) for v in row] for row in sheet.values]
        for sheet in book.worksheets
    }


@pytest.fixture
def evidence(pair):
    """Pompeo's call with his unnamed French counterpart, initiator implied, cited by two
    articles with three excerpts; a statement about it; a second contact."""
    caller, _, _ = pair
    contact = make_contact(caller, initiator=caller, initiator_certainty="implied")
    contact.citations.all().delete()
    ParticipantFactory(
        contact=contact,
        person=None,
        description="his French counterpart",
        country=CountryFactory(),
    )
    first = SourceFactory(title="Le Monde story", text=FIRST_ARTICLE, url="https://lm.example/a")
    second = SourceFactory(title="Reuters story", text=SECOND_ARTICLE)
    for source, excerpt in [
        (first, "Pompeo called Le Drian."),
        (second, "The call was about Iran."),
        (first, "“We agreed,” said François."),
    ]:
        CitationFactory(contact=contact, source=source, excerpt=excerpt, note=f"note {excerpt}")
    statement = StatementFactory(speaker=caller, contact=contact, text="We agreed")
    CitationFactory(statement=statement, contact=None, source=first, excerpt="We agreed")
    return contact, statement, first, second


def export(client, name, export_format, **params):
    return body(client.get(reverse(name), {**params, "_export": export_format}))


@pytest.mark.parametrize("name", LISTS)
def test_csv_and_xlsx_of_the_same_rows_carry_the_same_headers_and_cells(
    analyst_client, evidence, name
):
    as_csv = csv_rows(export(analyst_client, name, "csv", sort="-pk"))
    as_xlsx = next(iter(sheets(export(analyst_client, name, "xlsx", sort="-pk")).values()))
    assert len(as_csv) > 1
    assert as_xlsx == as_csv


@pytest.mark.parametrize("name", ["contact-list", "statement-list"])
def test_the_xlsx_evidence_sheet_is_the_evidence_csv(analyst_client, evidence, name):
    as_csv = csv_rows(export(analyst_client, name, "csv", part="evidence"))
    as_xlsx = sheets(export(analyst_client, name, "xlsx"))["evidence"]
    assert len(as_csv) > 1 and as_xlsx == as_csv


@pytest.mark.parametrize("name", LISTS)
def test_json_objects_are_keyed_by_the_csv_headers(analyst_client, evidence, name):
    headers = csv_rows(export(analyst_client, name, "csv"))[0]
    objects = json.loads(export(analyst_client, name, "json"))
    assert objects and all([k for k in row if k != "evidence"] == headers for row in objects)


def test_json_evidence_keeps_each_excerpt_with_its_own_source(analyst_client, evidence):
    contact, _, first, second = evidence
    rows = json.loads(export(analyst_client, "contact-list", "json"))
    [row] = [row for row in rows if row["Key"] == contact.key]
    pairs = [(item["source"], item["excerpt"]) for item in row["evidence"]]
    assert pairs == [
        ("Le Monde story", "Pompeo called Le Drian."),
        ("Reuters story", "The call was about Iran."),
        ("Le Monde story", "“We agreed,” said François."),
    ]
    item = row["evidence"][0]
    assert item["url"] == "https://lm.example/a" and item["note"] == "note Pompeo called Le Drian."
    citation = contact.citations.get(excerpt="Pompeo called Le Drian.")
    assert item["source_page"] == f"http://testserver/sources/{first.pk}/#citation-{citation.pk}"
    assert row["Sources"] == 2


def test_the_evidence_csv_has_one_row_per_citation_keyed_by_its_record(analyst_client, evidence):
    contact, _, _, _ = evidence
    rows = csv_rows(export(analyst_client, "contact-list", "csv", part="evidence"))
    assert rows[0] == [
        "Record key",
        "Record link",
        "Source",
        "Outlet",
        "Source URL",
        "Source page",
        "Excerpt",
        "Note",
    ]
    mine = [row for row in rows[1:] if row[0] == contact.key]
    expected = sorted(
        (c.source.title, c.excerpt, f"#citation-{c.pk}") for c in contact.citations.all()
    )
    assert sorted((row[2], row[6], row[5][row[5].index("#") :]) for row in mine) == expected
    assert {row[1] for row in mine} == {f"http://testserver/contacts/{contact.pk}/"}


def test_the_implied_initiator_is_exported_as_such(analyst_client, evidence):
    rows = json.loads(export(analyst_client, "contact-list", "json"))
    certainty = {row["Key"]: row["Initiator certainty"] for row in rows}
    contact = evidence[0]
    assert certainty[contact.key] == "Implied by the report"
    assert set(certainty.values()) == {"Implied by the report", "Stated in the report"}


def test_an_unnamed_participant_is_labelled_alike_in_every_format(analyst_client, evidence):
    label = "his French counterpart (unnamed)"
    params = {"kind": "phone_call", "participant": "Pompeo", "sort": "-pk"}
    as_json = json.loads(export(analyst_client, "contact-list", "json", **params))
    as_csv = csv_rows(export(analyst_client, "contact-list", "csv", **params))
    as_xlsx = sheets(export(analyst_client, "contact-list", "xlsx", **params))["contacts"]
    column = as_csv[0].index("Other participants")
    assert label in as_json[0]["Other participants"].split("; ")
    assert as_csv[1][column] == as_xlsx[1][column] == as_json[0]["Other participants"]


def test_statement_links_lead_to_the_statement_page(analyst_client, evidence):
    _, statement, _, _ = evidence
    [row] = json.loads(export(analyst_client, "statement-list", "json"))
    assert row["Link"] == f"http://testserver/statements/{statement.key}/"
    page = analyst_client.get(row["Link"].removeprefix("http://testserver"))
    assert page.status_code == 200 and "We agreed" in page.text


def test_a_filtered_export_is_named_after_its_filters_and_dates(analyst_client, evidence):
    response = analyst_client.get(
        reverse("contact-list"),
        {
            "_export": "csv",
            "participant": "Pompeo",
            "date_from": "2020-01-01",
            "date_to": "2020-01-07",
        },
    )
    disposition = 'attachment; filename="contacts_pompeo_2020-01-01_2020-01-07.csv"'
    assert response["Content-Disposition"] == disposition


def test_an_unfiltered_export_is_named_after_the_day(analyst_client, evidence, monkeypatch):
    monkeypatch.setattr(
        "contacts.exports.names.timezone.localdate", lambda: datetime.date(2026, 12, 3)
    )
    response = analyst_client.get(reverse("statement-list"), {"_export": "json"})
    assert response["Content-Disposition"] == 'attachment; filename="statements_2026-12-03.json"'


def test_file_names_keep_only_safe_characters_and_a_bounded_length(analyst_client, db):
    hostile = '"; rm -rf / ../../Ünïcødé ' + "x" * 150
    response = analyst_client.get(reverse("statement-list"), {"_export": "csv", "q": hostile})
    filename = response["Content-Disposition"].split('filename="')[1].rstrip('"')
    stem = filename.removesuffix(".csv")
    assert len(filename) < 160 and set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_")
    assert stem.startswith("statements_rm-rf-unic") and stem.endswith(
        timezone.localdate().isoformat()
    )


def test_the_evidence_export_is_named_as_such(analyst_client, evidence):
    response = analyst_client.get(
        reverse("contact-list"), {"_export": "csv", "part": "evidence", "kind": "phone_call"}
    )
    assert 'filename="contacts_evidence_phone_call_' in response["Content-Disposition"]


def test_csv_starts_with_a_byte_order_mark_and_json_does_not(analyst_client, evidence):
    content = export(analyst_client, "contact-list", "csv", part="evidence")
    assert content.startswith(b"\xef\xbb\xbf")
    assert "“We agreed,” said François." in content.decode("utf-8-sig")
    assert export(analyst_client, "contact-list", "json").startswith(b"[")


def test_the_page_links_every_export_with_its_filters(analyst_client, evidence):
    page = analyst_client.get(reverse("contact-list"), {"kind": "phone_call", "page": "1"})
    links = dict((label, url) for label, url in page.context["export_links"])
    assert list(links) == ["CSV", "XLSX", "JSON", "CSV (evidence)"]
    assert links["CSV (evidence)"] == "/contacts/?kind=phone_call&_export=csv&part=evidence"
    assert 'href="/contacts/?kind=phone_call&amp;_export=csv&amp;part=evidence"' in page.text


def test_tables_without_evidence_offer_no_evidence_export(analyst_client, evidence):
    page = analyst_client.get(reverse("person-list"))
    assert [label for label, _ in page.context["export_links"]] == ["CSV", "XLSX", "JSON"]
    assert "evidence" not in sheets(export(analyst_client, "person-list", "xlsx"))


def test_the_evidence_export_streams_in_chunks(analyst, evidence, monkeypatch):
    monkeypatch.setattr("contacts.exports.writers.FIRST_ROWS", 1)
    monkeypatch.setattr("contacts.exports.writers.ROWS_PER_CHUNK", 1)
    client = Client()  # the `client` fixture joins a stream into one piece; this one keeps them
    client.force_login(analyst)
    response = client.get(reverse("contact-list"), {"_export": "csv", "part": "evidence"})
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) == 1 + 4  # the header, and one row per citation, one chunk each
    assert len(csv_rows(b"".join(chunks))) == 1 + 4
