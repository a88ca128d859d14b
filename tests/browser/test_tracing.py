"""An analyst follows a statement to its sentence, and no page logs a console error."""

import pytest

from contacts.models import Statement

from .conftest import screenshot, serious_accessibility_violations

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/contacts/",
    "/statements/",
    "/people/",
    "/sources/",
    "/network/",
    "/people/mike-pompeo/",
    "/contacts/?q=escalat*",
]


def test_a_statements_source_link_lands_on_its_highlighted_excerpt(page):
    statement = Statement.objects.filter(citations__isnull=False).first()
    page.goto(statement.get_absolute_url())
    screenshot(page, "08-statement-page")
    page.locator(".citation .cite a").first.click()
    page.wait_for_load_state()
    anchor = page.url.split("#", 1)[1]
    assert anchor.startswith("citation-")
    target = page.locator("mark:target")
    assert target.count() == 1 and target.get_attribute("id") == anchor
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_no_page_logs_a_console_error(page):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert problems == []


def test_the_phone_contacts_list_is_accessible_and_no_wider_than_the_screen(phone):
    page = phone
    for path in ("/contacts/", "/statements/", "/network/"):
        page.goto(path)
        wider = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => !e.closest('.table-wrap, #network-graph'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + '.' + e.className)"""
        )
        assert wider == [], (path, wider[:5])
        assert serious_accessibility_violations(page) == [], path
    page.goto("/contacts/")
    screenshot(page, "09-contacts-phone")
