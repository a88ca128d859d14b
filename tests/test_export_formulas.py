"""No text someone entered leaves a CSV export as a formula, in any table or column."""

import csv
import io

import pytest

from contacts.exports.safety import FORMULA_TRIGGERS
from tests.conftest import body
from tests.factories import (
    AliasFactory,
    CitationFactory,
    CountryFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_records():
    """Every text an export writes, entered so that it starts a formula."""
    country = CountryFactory(name="=Country")
    outlet = OrganisationFactory(name="@Outlet", country=country)
    person = PersonFactory(name="+Person", country=country)
    AliasFactory(person=person, name="-Alias")
    OfficeFactory(person=person, title="@Office")
    other = PersonFactory(name="=Other", country=country)
    source = SourceFactory(title="=Title", outlet=outlet, text="=Excerpt, as reported.")
    contact = make_contact(
        person, other, initiator=person, source=source, location="=Place", summary="+Summary"
    )
    statement = StatementFactory(speaker=person, text="=Said", contact=contact, venue="-Venue")
    CitationFactory(statement=statement, source=source, excerpt="=Excerpt", note="=Note")


@pytest.mark.parametrize(
    "path, part",
    [
        ("/contacts/", None),
        ("/contacts/", "evidence"),
        ("/statements/", None),
        ("/statements/", "evidence"),
        ("/people/", None),
        ("/sources/", None),
    ],
)
def test_no_entered_text_leaves_a_csv_export_as_a_formula(
    analyst_client, hostile_records, path, part
):
    query = {"_export": "csv", **({"part": part} if part else {})}
    response = analyst_client.get(path, query)
    rows = list(csv.reader(io.StringIO(body(response).decode().removeprefix("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) > 1
    assert [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)] == []
    assert any(cell.startswith(("'=", "'+", "'@", "'-")) for cell in cells)
