import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from contacts.groups import ensure_groups

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make browser`."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def seeded(transactional_db):
    ensure_groups()  # transactional tests flush the rows the migration created
    call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
    user = User.objects.create_user("analyst-browser", password="analyst-browser-pw")
    user.groups.add(Group.objects.get(name="Analyst"))
    return user


def analyst_page(browser, live_server, **options):
    """A page logged in as the seeded analyst, in a context of its own (`options`)."""
    context = browser.new_context(base_url=live_server.url, **options)
    page = context.new_page()
    page.goto("/")
    page.fill("#id_username", "analyst-browser")
    page.fill("#id_password", "analyst-browser-pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.fixture
def page(browser, live_server, seeded):
    page = analyst_page(browser, live_server, accept_downloads=True)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser, live_server, seeded):
    """The analyst's page on a phone's screen (390 by 844)."""
    page = analyst_page(browser, live_server, viewport={"width": 390, "height": 844})
    yield page
    page.context.close()


def log_in(browser, live_server, username, password):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture
def editors(browser, live_server, seeded):
    """Two editors, each in their own browser context, logged in to the admin."""
    pages = []
    for name in ("editor-one", "editor-two"):
        user = User.objects.create_user(name, password=f"{name}-pw-123", is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
        pages.append(log_in(browser, live_server, name, f"{name}-pw-123"))
    yield pages
    for page in pages:
        page.context.close()


def serious_accessibility_violations(page):
    """Run axe-core (from npm) in the page; return serious and critical violations."""
    # Served by the app itself, so the page's Content Security Policy allows it.
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
