"""Malformed and hostile input at every list, detail, export URL and admin form."""

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.exports import neutralise
from contacts.models import Person, Statement
from tests.conftest import body
from tests.factories import PersonFactory, StatementFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "2020-02-30",
    "99999-01-01",
    "-1",
    "1e309",
    "' OR 1=1 --",
    "1; DROP TABLE contacts_contact",
    "<script>alert(1)</script>",
    "x" * 100_000,
    "a\x00b",
    "\u202eevil\u202c",
    "e\u0301\u0301\u0301",
    "قاسم سلیمانی",
    "%00",
    "../../etc/passwd",
]
LIST_URLS = ["/contacts/", "/statements/", "/people/", "/network/"]
PARAMS = [
    "q",
    "participant",
    "initiator",
    "recipient",
    "country",
    "organisation",
    "kind",
    "date_from",
    "date_to",
    "source",
    "speaker",
    "medium",
    "is_verbatim",
    "sort",
    "page",
    "per_page",
    "_export",
    "group",
    "name",
    "days",
    "direction",
    "initiator_country",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("url", LIST_URLS)
def test_hostile_values_in_every_parameter_get_an_answer_not_a_500(
    analyst_client, pair, url, value
):
    response = analyst_client.get(url, {name: value for name in PARAMS if name != "_export"})
    assert response.status_code == (400 if "\x00" in value else 200)
    page = "<table" if url != "/network/" else "<h1>"  # the page, drawn (a network may be empty)
    assert ("NUL bytes" if "\x00" in value else page) in response.content.decode()


@pytest.mark.parametrize("value", HOSTILE[:8], ids=range(8))
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "pdf", ""])
def test_hostile_filters_with_every_export_format(analyst_client, pair, value, fmt):
    response = analyst_client.get("/contacts/", {"q": value, "date_from": value, "_export": fmt})
    assert response.status_code == (400 if "\x00" in value else 200)
    assert body(response)  # a file, or the page saying why there is none


@pytest.mark.parametrize(
    "url",
    [
        "/contacts/abc/",
        "/contacts/99999999999999999999/",
        "/sources/-1/",
        "/people/' OR 1=1/",
        "/sources/1e3/",
    ],
)
def test_malformed_ids_are_404(analyst_client, db, url):
    response = analyst_client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text


@pytest.mark.parametrize(
    "value, days", [("abc", 2), ("-5", 0), ("99999999999999999999999", 60), ("", 2)]
)
def test_malformed_days_on_contact_page_are_clamped(analyst_client, pair, value, days):
    caller, callee, contact = pair
    response = analyst_client.get(contact.get_absolute_url(), {"days": value})
    assert response.context["days"] == days
    assert f'name="days" type="number" min="0" max="60" value="{days}"' in response.text


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("<script>alert(1)</script>", None),
        ("x" * 100_000, None),
        ("قال \u202e \u0301", "Contains the invisible control character U+202E at position 5"),
        ('=HYPERLINK("http://evil")', None),
    ],
)
def test_admin_stores_hostile_person_names_byte_for_byte_or_refuses_clearly(
    editor_client, text, refusal
):
    data = {
        "name": text[:200],
        "slug": "hostile",  # the admin page fills it in from the name; empty is refused
        "country": "",
        "notes": text,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "offices-TOTAL_FORMS": "0",
        "offices-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:contacts_person_add"), data)
    if refusal is None:
        assert response.status_code == 302
        person = Person.objects.get()
        assert (person.name, person.notes) == (text[:200], text)
    else:
        assert response.status_code == 200
        assert refusal in response.text
        assert not Person.objects.exists()


def test_admin_refuses_nul_bytes_with_a_message(editor_client):
    data = {
        "name": "Nul\x00Name",
        "slug": "nul",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "offices-TOTAL_FORMS": "0",
        "offices-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:contacts_person_add"), data)
    assert response.status_code == 200 and "Null characters are not allowed" in response.text
    assert not Person.objects.exists()


def test_admin_refuses_an_impossible_date_with_a_message(editor_client, pair):
    caller, callee, contact = pair
    data = {
        "speaker": caller.pk,
        "text": "x",
        "is_verbatim": "on",
        "language": "en",
        "medium": "tweet",
        "date_start": "2020-02-30",
        "date_precision": "day",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:contacts_statement_add"), data)
    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    assert not Statement.objects.exists()


def test_admin_refuses_a_duplicate_person_slug(editor_client):
    PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    data = {
        "name": "Mike Pompeo",
        "slug": "mike-pompeo",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "offices-TOTAL_FORMS": "0",
        "offices-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:contacts_person_add"), data)
    assert response.status_code == 200
    assert "Person with this Slug already exists." in response.text
    assert Person.objects.count() == 1


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_csv_export_neutralises_formulas(analyst_client, db):
    StatementFactory(text='=HYPERLINK("http://evil.example")', is_verbatim=False)
    response = analyst_client.get("/statements/", {"_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert rows[0]["Text"].startswith("'=HYPERLINK")


def test_xlsx_export_neutralises_formulas(analyst_client, db):
    StatementFactory(speaker=PersonFactory(name="@evil"))
    response = analyst_client.get("/people/", {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "'@evil" in names and all(
        cell.data_type != "f" for row in sheet.iter_rows() for cell in row
    )


def test_json_export_keeps_text_exactly(analyst_client, db):
    StatementFactory(text="=1+1 <b>&</b>", is_verbatim=True)
    row = json.loads(body(analyst_client.get("/statements/", {"_export": "json"})))[0]
    assert row["Text"] == "“=1+1 <b>&</b>”"


query_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE[:7]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    url=st.sampled_from(LIST_URLS),
    query=st.dictionaries(st.sampled_from(PARAMS), query_values, max_size=6),
)
def test_generated_query_strings_never_error_and_keep_a_query_budget(
    analyst_client, pair, url, query
):
    query = {name: value.replace("\x00", "") for name, value in query.items()}
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(url, query)
    assert response.status_code < 500
    assert len(queries) <= 16


def test_statement_text_survives_a_round_trip_through_the_admin(editor_client, pair):
    caller, callee, contact = pair
    source = contact.citations.get().source
    text = "“Quoted” <i>HTML</i> & قاسم — e\u0301 " + "long " * 2000
    data = {
        "speaker": caller.pk,
        "text": text,
        "is_verbatim": "",
        "language": "en",
        "medium": "tweet",
        "date_start": "2020-01-03",
        "date_precision": "day",
        "date_end": "",
        "key": "rt",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-0-source": source.pk,
        "citations-0-excerpt": "spoke by phone",
    }
    assert editor_client.post(reverse("admin:contacts_statement_add"), data).status_code == 302
    assert Statement.objects.get(key="rt").text == text.replace("\r\n", "\n")


@pytest.mark.parametrize(
    "url",
    ["/people/%00/", "/contacts/?q=a%00b", "/admin/contacts/contact/%00/change/", "/sources/%00/"],
)
def test_nul_bytes_in_an_address_are_a_400(editor_client, db, url):
    response = editor_client.get(url)
    assert response.status_code == 400
    assert response.content.decode() == "NUL bytes are not allowed in addresses."


@pytest.mark.parametrize("q", [":", "'", "-", '"', "*"])
def test_a_search_without_word_characters_gives_an_empty_network_not_a_500(analyst_client, pair, q):
    response = analyst_client.get("/network/", {"q": q})
    assert response.status_code == 200
    assert "Mike Pompeo" not in response.context["matrix"]
