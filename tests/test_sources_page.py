"""The list of sources: rows, counts of citing records, filters, sort, exports, bad input."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts import search
from contacts.models import Citation, OrganisationKind
from tests.conftest import body, redirect_target
from tests.factories import (
    CitationFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
URL = reverse("source-list")
D = datetime.date


def titles(response):
    return [row.record.title for row in response.context["table"].page.object_list]


@pytest.fixture
def library(db):
    """Three articles: one cited by two contacts and a statement, one by a statement only,
    one by nothing (no outlet, no date, no language)."""
    wion = OrganisationFactory(name="WION", kind=OrganisationKind.NEWS_OUTLET)
    bloomberg = OrganisationFactory(name="Bloomberg News", kind=OrganisationKind.NEWS_OUTLET)
    allies = SourceFactory(
        title="US reaches out to allies",
        outlet=wion,
        published_date=D(2020, 1, 4),
        language="en",
        url="https://example.org/allies",
    )
    brief = SourceFactory(
        title="Washington briefs world leaders",
        outlet=bloomberg,
        published_date=D(2020, 1, 5),
        language="de",
    )
    notes = SourceFactory(title="Notes without a date", published_date=None, language="")
    pompeo, raab, maas = (PersonFactory(name=name) for name in ["Mike Pompeo", "Raab", "Maas"])
    calls = [make_contact(pompeo, raab, source=allies), make_contact(pompeo, maas, source=allies)]
    CitationFactory(contact=calls[0], source=allies, excerpt="spoke by phone")  # same contact
    said = StatementFactory(speaker=pompeo)
    CitationFactory(statement=said, source=allies, excerpt="We talked")
    CitationFactory(statement=StatementFactory(speaker=raab), source=brief, excerpt="We talked")
    return {"allies": allies, "brief": brief, "notes": notes, "calls": calls, "said": said}


def test_sources_page_lists_every_source_newest_first_with_undated_last(analyst_client, library):
    response = analyst_client.get(URL)
    assert titles(response) == [
        "Washington briefs world leaders",
        "US reaches out to allies",
        "Notes without a date",
    ]
    assert "3 rows" in response.text


def test_each_row_counts_the_contacts_and_statements_citing_the_source(analyst_client, library):
    rows = {r.record.title: r.record for r in analyst_client.get(URL).context["table"].rows}
    counted = {title: (r.contact_count, r.statement_count) for title, r in rows.items()}
    assert counted == {
        "US reaches out to allies": (2, 1),  # two citations of one contact count once
        "Washington briefs world leaders": (0, 1),
        "Notes without a date": (0, 0),
    }


def test_each_row_shows_title_link_outlet_date_and_language(analyst_client, library):
    allies = library["allies"]
    html = analyst_client.get(URL).text
    assert f'<a href="{allies.get_absolute_url()}">US reaches out to allies</a>' in html
    assert "WION" in html and "2020-01-04" in html and "English (en)" in html
    assert "German (de)" in html


def test_the_counts_link_to_the_contacts_and_statements_citing_the_source(analyst_client, library):
    allies = library["allies"]
    html = analyst_client.get(URL).text
    contacts_link = f"{reverse('contact-list')}?source={allies.pk}"
    statements_link = f"{reverse('statement-list')}?source={allies.pk}"
    assert f'<a href="{contacts_link}">2</a>' in html
    assert f'<a href="{statements_link}">1</a>' in html

    contacts = analyst_client.get(contacts_link)
    assert {row.record for row in contacts.context["table"].page.object_list} == set(
        library["calls"]
    )
    assert "Source: US reaches out to allies — WION, 2020-01-04" in contacts.text
    statements = analyst_client.get(statements_link)
    assert [row.record for row in statements.context["table"].page.object_list] == [library["said"]]


def test_an_unknown_source_number_in_the_contacts_filter_is_reported(analyst_client, library):
    for number in ["999999", "99999999999999999999999", "-1", "abc"]:
        response = analyst_client.get(reverse("contact-list"), {"source": number})
        assert response.status_code == 200
        assert "No source has that number" in response.text
        assert len(response.context["table"].page.object_list) == 2  # the filter is ignored


def test_anonymous_visitor_is_sent_to_login(client, library):
    response = client.get(URL)
    assert response.status_code == 302
    assert redirect_target(response) == (reverse("login"), URL)
    assert "US reaches out to allies" not in body(response).decode()


def test_a_user_without_the_view_permission_is_refused(client, library):
    client.force_login(User.objects.create_user("nobody", password="pw-nobody-12345"))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Not allowed" in response.text
    assert "US reaches out to allies" not in response.text


def test_home_page_count_and_navigation_link_to_the_sources_list(analyst_client, library):
    html = analyst_client.get(reverse("home")).text
    assert f'<a href="{URL}"><strong>3</strong> sources</a>' in html
    assert f'<li><a href="{URL}">Sources</a></li>' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"outlet": "wion"}, ["US reaches out to allies"]),
        ({"language": "DE"}, ["Washington briefs world leaders"]),
        ({"date_from": "2020-01-05"}, ["Washington briefs world leaders"]),
        ({"date_to": "2020-01-04"}, ["US reaches out to allies"]),
        ({"cited": "contact"}, ["US reaches out to allies"]),
        ({"cited": "statement"}, ["Washington briefs world leaders", "US reaches out to allies"]),
        ({"cited": "none"}, ["Notes without a date"]),
    ],
    ids=["outlet", "language", "from", "to", "by-contact", "by-statement", "uncited"],
)
def test_sources_filters_select_the_matching_rows(analyst_client, library, params, expected):
    if params.get("outlet") == "wion":
        params = {"outlet": library["allies"].outlet_id}
    assert titles(analyst_client.get(URL, params)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Notes", "US", "Washington"]),
        ("-title", ["Washington", "US", "Notes"]),
        ("outlet", ["Washington", "US", "Notes"]),  # Bloomberg, WION, none last
        ("-outlet", ["US", "Washington", "Notes"]),
        ("published", ["US", "Washington", "Notes"]),
        ("-published", ["Washington", "US", "Notes"]),
        ("language", ["Notes", "Washington", "US"]),
        ("-contact_count", ["US", "Notes", "Washington"]),
        ("contact_count", ["Washington", "Notes", "US"]),
        ("-statement_count", ["Washington", "US", "Notes"]),
    ],
)
def test_sources_sort_by_every_column(analyst_client, library, sort, expected):
    response = analyst_client.get(URL, {"sort": sort})
    assert [title.split()[0] for title in titles(response)] == expected
    assert "Cannot sort" not in response.text


def test_unknown_sort_is_a_message_not_an_error(analyst_client, library):
    response = analyst_client.get(URL, {"sort": "text"})
    assert response.status_code == 200
    assert "Cannot sort by text" in response.text and len(titles(response)) == 3


def test_sources_are_paginated(analyst_client, library):
    response = analyst_client.get(URL, {"per_page": 2, "page": 2})
    assert titles(response) == ["Notes without a date"]
    assert 'href="?per_page=2&amp;page=1"' in response.text  # back to the first page


def page_rows(client, params):
    """The page's rows as the exports write them (title, outlet, date, language, counts)."""
    rows = client.get(URL, {**params, "per_page": 200}).context["table"].page.object_list
    return [
        [
            r.record.title,
            r.record.outlet.name if r.record.outlet else "",
            r.record.published_date.isoformat() if r.record.published_date else "",
            r.record.language,
            r.record.contact_count,
            r.record.statement_count,
        ]
        for r in rows
    ]


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [["" if cell is None else cell for cell in row] for row in sheet.values]


HEADERS = ["Title", "Outlet", "Published", "Language", "Contacts", "Statements", "URL", "Link"]


@pytest.mark.parametrize("params", [{}, {"sort": "-contact_count"}, {"cited": "statement"}])
def test_every_export_carries_exactly_the_pages_rows_and_counts(analyst_client, library, params):
    expected = page_rows(analyst_client, params)
    exported = {
        fmt: body(analyst_client.get(URL, {**params, "_export": fmt}))
        for fmt in ["csv", "json", "xlsx"]
    }
    as_csv = csv_rows(exported["csv"])
    as_json = json.loads(exported["json"])
    as_xlsx = xlsx_rows(exported["xlsx"])
    assert as_csv[0] == HEADERS and as_xlsx[0] == HEADERS
    assert [row[:4] + [int(row[4]), int(row[5])] for row in as_csv[1:]] == expected
    assert [[row[name] for name in HEADERS[:6]] for row in as_json] == expected
    assert [row[:6] for row in as_xlsx[1:]] == expected
    # The three formats write the same cells.
    assert [[str(cell) for cell in row] for row in as_xlsx[1:]] == as_csv[1:]
    assert [[str(row[name]) for name in HEADERS] for row in as_json] == as_csv[1:]


def test_exports_link_each_source_and_keep_its_url(analyst_client, library):
    allies = library["allies"]
    response = analyst_client.get(URL, {"_export": "json", "outlet": allies.outlet_id})
    rows = json.loads(body(response))
    assert rows == [
        {
            "Title": "US reaches out to allies",
            "Outlet": "WION",
            "Published": "2020-01-04",
            "Language": "en",
            "Contacts": 2,
            "Statements": 1,
            "URL": "https://example.org/allies",
            "Link": f"http://testserver/sources/{allies.pk}/",
        }
    ]


def test_exports_are_streamed_files_named_after_the_list_and_the_day(analyst_client, library):
    response = analyst_client.get(URL, {"_export": "csv"})
    assert response.streaming
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="sources_{today}.csv"'


def test_exported_titles_cannot_run_as_spreadsheet_formulas(analyst_client, db):
    SourceFactory(title='=HYPERLINK("http://evil.example","x")')
    csv_cell = csv_rows(body(analyst_client.get(URL, {"_export": "csv"})))[1][0]
    xlsx_cell = xlsx_rows(body(analyst_client.get(URL, {"_export": "xlsx"})))[1][0]
    assert csv_cell == xlsx_cell == '\'=HYPERLINK("http://evil.example","x")'


def test_a_format_the_page_does_not_offer_is_a_message(analyst_client, library):
    response = analyst_client.get(URL, {"_export": "pdf"})
    assert response.status_code == 200
    assert "Cannot export as &#x27;pdf&#x27;. Choose CSV, XLSX or JSON." in response.text
    assert not response.has_header("Content-Disposition")  # the page, not a file
    assert len(titles(response)) == 3  # with its rows


def seed_sources(count):
    outlet = OrganisationFactory(kind=OrganisationKind.NEWS_OUTLET)
    for number in range(count):
        source = SourceFactory(outlet=outlet, language=["en", "de", "fr"][number % 3])
        contact = make_contact(PersonFactory(), PersonFactory(), source=source)
        statement = StatementFactory(contact=contact)
        Citation.objects.create(source=source, excerpt="We talked", statement=statement)


@pytest.mark.parametrize(
    "params", [{}, {"sort": "-statement_count"}, {"cited": "contact"}, {"_export": "csv"}]
)
def test_sources_page_query_count_does_not_grow_with_the_rows(analyst_client, params):
    analyst_client.get(reverse("home"))  # the session's first request also renews it
    counts = []
    for rows in (1, 30):  # an export reads 50 rows, then 500, per query
        seed_sources(1 if rows == 1 else rows - 1)
        with CaptureQueriesContext(connection) as queries:
            body(analyst_client.get(URL, {"per_page": 200, **params}))
        counts.append(len(queries))
    # session, user, permissions; count; rows with their counts; outlets; facets
    assert counts[0] == counts[1] <= 9


@pytest.mark.skipif(
    "contacts_source" not in search.INDEXES,
    reason="the article text gets its full-text index from the search rewrite (issue 13)",
)
def test_search_finds_sources_by_their_article_text(analyst_client, library):
    library["brief"].text = "Washington briefed its allies on the strike in Baghdad."
    library["brief"].save()
    response = analyst_client.get(URL, {"q": "Baghdad strike"})
    assert titles(response) == ["Washington briefs world leaders"]
    assert "1 row" in response.text


HOSTILE = [
    "2020-02-30",
    "99999999999999999999999",
    "-1",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "x" * 10_000,
    "\u202eevil\u202c",
    "قاسم سلیمانی",
    "%00",
]
PARAMS = ["q", "outlet", "language", "cited", "date_from", "date_to", "sort", "page", "per_page"]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_in_every_parameter_get_an_answer_not_an_error(
    analyst_client, library, value
):
    response = analyst_client.get(URL, {name: value for name in PARAMS})
    assert response.status_code == 200
    assert "<script>alert" not in response.text


@pytest.mark.parametrize("value", ["2020-13-45", "garbage", "99999-01-01"])
def test_an_invalid_date_is_reported_and_the_other_filters_still_apply(
    analyst_client, library, value
):
    response = analyst_client.get(URL, {"date_from": value, "language": "en"})
    assert "date_from" in response.context["filter"].form.errors
    assert "could not be used" in response.text
    assert titles(response) == ["US reaches out to allies"]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_exports_with_hostile_filters_are_answered(analyst_client, library, fmt):
    params = {name: "<script>" for name in PARAMS if name != "sort"}
    response = analyst_client.get(URL, {**params, "_export": fmt})
    assert response.status_code == 200
    starts = {"csv": "\ufeffTitle,", "json": "[", "xlsx": "PK"}[fmt]  # a file, every row read
    assert body(response).decode("utf-8", "replace").lstrip().startswith(starts)
