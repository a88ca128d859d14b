"""Only the formats a page offers (CSV, XLSX, JSON) are exported; others get a message."""

import pytest
from django.urls import reverse

from tests.conftest import body

pytestmark = pytest.mark.django_db

OFFERED = ["csv", "xlsx", "json"]
REFUSED = ["tsv", "latex", "xls", "ods", "yaml", "html", "pdf", "CSV"]
LISTS = ["contact-list", "statement-list", "person-list"]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("export_format", REFUSED)
def test_a_format_the_page_does_not_offer_gets_a_message_not_a_file(
    analyst_client, pair, name, export_format
):
    response = analyst_client.get(reverse(name), {"_export": export_format})
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert response["Content-Type"].startswith("text/html")
    text = body(response).decode()
    assert f"Cannot export as &#x27;{export_format}&#x27;. Choose CSV, XLSX or JSON." in text


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("export_format", OFFERED)
def test_the_offered_formats_still_export(analyst_client, pair, name, export_format):
    response = analyst_client.get(reverse(name), {"_export": export_format})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{export_format}"')
    assert body(response)
