"""An editor turns a pasted report into cited records, in a real browser."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from .conftest import SCREENSHOTS, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLES = settings.BASE_DIR.parent / "shared" / "articles"
QUOTE = "Discussed with Dominic Raab the recent decision"
TALKS = "In several tweets on Friday"
MANUAL_TEXT = "Thankful that our allies recognize the continuing aggressive threats"


def editor_context(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "editor-intake")
    page.fill("#id_password", "editor-intake-pw-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.fixture
def editor_page(browser, live_server, seeded):
    user = User.objects.create_user("editor-intake", password="editor-intake-pw-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    page = editor_context(browser, live_server, {"width": 1366, "height": 900})
    yield page
    page.context.close()


def post_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def card(page, kind):
    return page.locator(f"article.proposal[id^='proposal-']:has(h4:text-matches('^{kind} '))")


def review_automatic_proposals(page):
    """Accept the confident ones, correct one proposal, reject another (when there are any)."""
    accept_all = page.locator("button:text-matches('Accept all confident')")
    if accept_all.is_enabled():
        post_and_wait(page, accept_all)
    contacts = card(page, "Contact")
    statements = card(page, "Statement")
    if statements.count():
        edited = statements.first
        key = edited.get_attribute("id").removeprefix("proposal-")
        edited.locator("summary:text-is('Edit')").click()
        page.fill(f"#id_{key}-date_start", "2020-01-03")
        page.select_option(f"#id_{key}-medium", "tweet")
        post_and_wait(page, edited.locator("button:text-is('Keep this correction and accept')"))
        assert "accepted" in page.locator(f"#proposal-{key}").get_attribute("class")
    if contacts.count():
        rejected = contacts.first
        key = rejected.get_attribute("id").removeprefix("proposal-")
        post_and_wait(page, rejected.locator("button:text-is('Reject')"))
        assert "rejected" in page.locator(f"#proposal-{key}").get_attribute("class")


def add_statement_by_clicking_a_sentence(page):
    sentence = page.locator("a.sentence", has_text=QUOTE).first
    post_and_wait(page, sentence)
    manual = page.locator("#manual")
    assert QUOTE in manual.locator("blockquote").inner_text()
    manual.locator("summary:text-is('A statement')").click()
    page.fill("#id_new-statement-speaker", "mike-pompeo")
    page.fill("#id_new-statement-text", MANUAL_TEXT)
    page.check("#id_new-statement-verbatim")
    page.select_option("#id_new-statement-medium", "tweet")
    page.fill("#id_new-statement-date_start", "2020-01-03")
    viewport_shot(page, "intake-02-manual-form-1366")
    post_and_wait(page, manual.locator("button:text-is('Add this statement')"))
    added = page.locator("#proposal-m1")
    assert "accepted" in added.get_attribute("class") and MANUAL_TEXT in added.inner_text()


def add_contact_by_clicking_a_sentence(page):
    post_and_wait(page, page.locator("a.sentence", has_text=TALKS).first)
    manual = page.locator("#manual")
    page.select_option("#id_new-contact-kind", "talks")
    page.fill("#id_new-contact-date_start", "2020-01-03")
    page.fill("#id_new-contact-p0_person", "mike-pompeo")
    page.fill("#id_new-contact-p1_person", "yang-jiechi")
    page.select_option("#id_new-contact-initiator", "0")
    post_and_wait(page, manual.locator("button:text-is('Add this contact')"))
    assert "Yang Jiechi" in page.locator("#proposal-m2").inner_text()


def save(page):
    """Save; proposals the tracker refuses (e.g. with no date) are rejected, then save again."""
    for attempt in range(3):
        post_and_wait(page, page.locator("button.save"))
        if page.locator(".saved-summary").count():
            return
        assert "Nothing was saved" in page.locator(".problems").first.inner_text()
        failed = [
            card.get_attribute("id") for card in page.locator("article.proposal.failed").all()
        ]
        assert failed, page.locator("main").inner_text()[:2000]
        assert "proposal-m1" not in failed and "proposal-m2" not in failed
        if attempt == 0:
            screenshot(page, "intake-04-refused-1366")
            viewport_shot(page, "intake-04-refused-1366-top")
        for key in failed:
            post_and_wait(page, page.locator(f"#{key} button[value=reject]"))
    raise AssertionError("The draft could not be saved.")


def viewport_shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_editor_reviews_a_pasted_report_and_analysts_find_the_records(
    editor_page, browser, live_server
):
    page = editor_page
    article = sorted(ARTICLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    page.click("header nav a:text-is('Add a report')")
    page.fill("#id_text", article)
    post_and_wait(page, page.locator("button:text-is('Read the report')"))
    if page.locator("input[name=token]").count():  # a report new to the tracker
        post_and_wait(page, page.locator("button:text-matches('Store the report')"))
    assert re.search(r"/intake/\d+/$", page.url)
    review_url = page.url
    assert page.locator("a.sentence").count() > 5
    screenshot(page, "intake-01-review-1366")
    viewport_shot(page, "intake-01-review-1366-top")
    assert serious_accessibility_violations(page) == []

    review_automatic_proposals(page)
    add_statement_by_clicking_a_sentence(page)
    add_contact_by_clicking_a_sentence(page)
    assert page.locator(f"a.sentence.covered:has-text('{QUOTE}')").count() == 1
    screenshot(page, "intake-02-decided-1366")
    viewport_shot(page, "intake-02-manual-1366")

    phone = editor_context(browser, live_server, {"width": 390, "height": 844})
    phone.goto(review_url)
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    screenshot(phone, "intake-03-review-390")
    viewport_shot(phone, "intake-03-review-390-top")
    phone.locator("#proposals-h").scroll_into_view_if_needed()
    viewport_shot(phone, "intake-03-review-390-proposals")
    assert overflow <= 1
    phone.context.close()

    save(page)
    screenshot(page, "intake-05-saved-1366")
    summary = page.locator(".saved-summary")
    assert "Created statement" in summary.inner_text()
    assert "Created contact" in summary.inner_text()
    statement_link = summary.locator("li:has-text('Created statement') a").last.get_attribute(
        "href"
    )
    contact_link = summary.locator("li:has-text('Created contact') a").last.get_attribute("href")
    source_link = page.locator("p.muted a:text-is('as analysts see it')").get_attribute("href")

    # What the analysts see.
    page.goto("/statements/?speaker=Pompeo&medium=tweet")
    assert MANUAL_TEXT in page.locator("table tbody").inner_text()
    page.goto(statement_link)
    assert page.locator("blockquote.statement-text").count() == 1
    assert page.locator(".citation blockquote").count() == 1
    page.goto("/contacts/?participant=yang-jiechi")
    assert page.locator(f"table tbody a[href='{contact_link}']").count() == 1
    page.goto(contact_link)
    assert TALKS in page.locator(".citation blockquote").first.inner_text()
    page.goto(source_link)
    marks = page.locator("article.article-text mark")
    assert any(QUOTE in text for text in marks.all_inner_texts())
    screenshot(page, "intake-06-source-highlighted")
