"""An analyst answers "whom did Pompeo call after the strike?" in a real browser."""

import csv
import datetime
import io
import re

import pytest

from .conftest import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def first_day(text):
    """The first day a date cell mentions ("31 Dec 2019 – 5 Jan 2020" gives 31 Dec 2019)."""
    day, month, year = re.search(r"(\d{1,2}) (\w{3}) (\d{4})", text).groups()
    return datetime.datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()


def filter_pompeo_3_to_5_january(page):
    page.goto("/contacts/")
    page.fill("#id_participant", "Pompeo")
    page.fill("#id_date_from", "2020-01-03")
    page.fill("#id_date_to", "2020-01-05")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/contacts/?*participant=Pompeo*")


def test_login_page_is_styled_and_accessible(browser, live_server, seeded):
    page = browser.new_page(base_url=live_server.url)
    page.goto("/contacts/")
    assert "/accounts/login/" in page.url
    assert page.locator("h1").inner_text() == "Log in"
    screenshot(page, "00-login")
    assert serious_accessibility_violations(page) == []
    page.close()


def test_analyst_filters_sorts_opens_contact_and_follows_citation(page):
    screenshot(page, "01-home")
    assert serious_accessibility_violations(page) == []

    filter_pompeo_3_to_5_january(page)
    rows = page.locator("table tbody tr")
    assert rows.count() >= 5
    assert all("Pompeo" in text for text in rows.all_inner_texts())

    page.click("thead th a:text-is('Date')")
    page.wait_for_url("**sort=date**")
    starts = [
        first_day(text) for text in page.locator("table tbody tr td:first-child").all_inner_texts()
    ]
    assert starts == sorted(starts)
    assert "participant=Pompeo" in page.url  # filters survive sorting
    screenshot(page, "02-contacts-filtered-sorted")
    assert serious_accessibility_violations(page) == []

    page.locator("table tbody tr td:first-child a").first.click()
    page.wait_for_url("**/contacts/*/")
    assert "Mike Pompeo" in page.locator(".participants").inner_text()
    screenshot(page, "03-contact")
    assert serious_accessibility_violations(page) == []

    page.locator(".citation .cite a").first.click()
    page.wait_for_url("**/sources/*/#citation-*")
    anchor = page.url.rsplit("#", 1)[1]
    highlighted = page.locator(f"[id='{anchor}']")
    assert highlighted.evaluate("node => node.closest('mark') !== null")
    assert (
        highlighted.evaluate("node => getComputedStyle(node.closest('mark')).backgroundColor")
        != "rgba(0, 0, 0, 0)"
    )
    screenshot(page, "04-source-highlighted")
    assert serious_accessibility_violations(page) == []


def test_analyst_exports_the_filtered_contacts_as_csv(page):
    filter_pompeo_3_to_5_january(page)
    shown = page.locator("table tbody tr").count()
    with page.expect_download() as download:
        page.click("a.export:text-is('CSV')")
    rows = list(
        csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read()))
    )
    assert len(rows) == shown
    assert all("Pompeo" in row["Initiator"] + row["Other participants"] for row in rows)
    assert all(int(row["Sources"]) > 0 for row in rows)


def test_network_graph_is_drawn(page):
    page.goto("/network/?participant=Pompeo")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert int(page.get_attribute("#network-graph", "data-drawn")) >= 3
    assert page.locator("#network-graph canvas").count() >= 1
    screenshot(page, "05-network")
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize("path", ["/statements/", "/people/", "/people/mike-pompeo/"])
def test_other_pages_pass_axe(page, path):
    page.goto(path)
    screenshot(page, "06" + path.strip("/").replace("/", "-"))
    assert serious_accessibility_violations(page) == []


def test_contacts_page_fits_a_phone_screen(phone):
    page = phone
    page.goto("/contacts/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    screenshot(page, "07-contacts-phone")
    assert overflow <= 1


def test_on_a_phone_the_results_start_on_the_first_screen_with_the_filters_folded(phone):
    page = phone
    page.goto("/contacts/?kind=phone_call")
    summary = page.locator("details.filters-panel > summary")
    assert "(1 active)" in summary.inner_text()
    assert page.locator("details.filters-panel").get_attribute("open") is None
    assert page.locator(".results").bounding_box()["y"] < 844 / 2
    summary.click()
    assert page.locator("#id_kind").is_visible()


def test_on_a_phone_a_refused_filter_value_opens_the_filters_on_its_message(phone):
    page = phone
    page.goto("/statements/?contact=" + "9" * 30)
    assert page.locator("details.filters-panel").get_attribute("open") is not None
    notice = page.locator("details.filters-panel [role=alert]")
    assert notice.is_visible()
    assert "No record has so large a number." in notice.inner_text()


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/contacts/")
    assert page.locator("details.filters-panel").get_attribute("open") is not None
    assert page.locator("#id_kind").is_visible()
    assert not page.locator("details.filters-panel > summary").is_visible()


def test_the_csv_xlsx_and_json_of_the_same_filters_carry_the_same_cells(page):
    import json

    from openpyxl import load_workbook

    filter_pompeo_3_to_5_january(page)
    files = {}
    for label in ("CSV", "XLSX", "JSON"):
        with page.expect_download() as download:
            page.click(f"a.export:text-is('{label}')")
        files[label] = download.value.path()
    with open(files["CSV"], encoding="utf-8-sig") as handle:
        csv_rows = list(csv.reader(handle))
    with open(files["XLSX"], "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read()), read_only=True).worksheets[0]
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in sheet.values]
    with open(files["JSON"], encoding="utf-8") as handle:
        records = json.load(handle)
    headers = csv_rows[0]
    json_rows = [
        [str(record[h]) if record[h] is not None else "" for h in headers] for record in records
    ]
    assert len(csv_rows) > 1
    assert xlsx_rows == csv_rows
    assert json_rows == csv_rows[1:]
