"""Intake pages: who may use them, adding a report, and bad input."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Organisation, OrganisationKind, Source
from intake.models import Draft
from tests.conftest import redirect_target
from tests.factories import SourceFactory

from .support import ADD, REPORT, add_report, details

pytestmark = pytest.mark.django_db

# Who may use intake


@pytest.mark.parametrize("url", [ADD, "/intake/people/?q=Mi"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert redirect_target(response) == (reverse("login"), url)


def test_anonymous_post_stores_nothing(client):
    client.post(ADD, {"text": REPORT})
    assert not Source.objects.exists()


def test_analyst_is_refused_every_intake_page(analyst_client, draft):
    review = reverse("intake-review", args=[draft.pk])
    assert analyst_client.get(ADD).status_code == 403
    assert analyst_client.post(ADD, {"text": "An analyst's report."}).status_code == 403
    assert analyst_client.get(review).status_code == 403
    assert analyst_client.post(review, {"action": "accept", "proposal": "c1"}).status_code == 403
    assert analyst_client.post(reverse("intake-save", args=[draft.pk])).status_code == 403
    assert analyst_client.get("/intake/people/?q=Mi").status_code == 403
    assert Source.objects.count() == 1 and Draft.objects.get().decisions == {}


def test_analyst_sees_no_intake_link(analyst_client):
    assert b"Add a report" not in analyst_client.get("/").content


def test_editor_sees_the_intake_link_and_the_form(editor_client):
    assert b'href="/intake/"' in editor_client.get("/").content
    page = editor_client.get(ADD)
    assert page.status_code == 200
    assert b'name="text"' in page.content and b'name="upload"' in page.content


def adds_a_report(client, user):
    """`user` is shown the form, and posting a report opens their draft of it."""
    client.force_login(user)
    form = client.get(ADD)
    assert form.status_code == 200
    assert 'name="text"' in form.content.decode()
    response = add_report(client)
    draft = Draft.objects.get(source__text=REPORT)
    assert response.status_code == 302 and response["Location"] == f"/intake/{draft.pk}/"
    return draft.created_by == user


def test_a_user_with_the_add_contact_permission_may_add_reports(client):
    user = User.objects.create_user("helper")
    user.user_permissions.add(Permission.objects.get(codename="add_contact"))
    assert adds_a_report(client, user)


def test_an_administrator_may_add_reports(client):
    user = User.objects.create_user("boss")
    user.groups.add(Group.objects.get(name="Administrator"))
    assert adds_a_report(client, user)


# Adding a report


def test_pasting_a_report_offers_the_detected_details_for_correction(editor_client):
    page = editor_client.post(ADD, {"text": REPORT})
    assert page.status_code == 200
    form = page.context["details"]
    assert form.initial["title"] == "Lavrov calls Pompeo"
    assert form.initial["language"] == "en"
    assert not Source.objects.exists()


def test_storing_a_pasted_report_keeps_its_text_byte_exact_and_opens_its_draft(editor_client):
    response = add_report(editor_client)
    source = Source.objects.get()
    assert source.text == REPORT
    assert (source.title, source.language) == ("Lavrov calls Pompeo", "en")
    assert source.published_date == datetime.date(2020, 1, 4)
    assert source.slug == "lavrov-calls-pompeo"
    draft = Draft.objects.get(source=source)
    assert draft.proposals["contacts"][0]["id"] == "c1"
    assert response.status_code == 302 and response["Location"] == f"/intake/{draft.pk}/"


def test_the_browser_s_crlf_newlines_are_stored_as_the_textarea_s_newlines(editor_client):
    add_report(editor_client, text=REPORT.replace("\n", "\r\n"))
    assert Source.objects.get().text == REPORT


def test_a_title_already_used_gets_a_unique_slug(editor_client):
    SourceFactory(slug="lavrov-calls-pompeo")
    add_report(editor_client)
    assert Source.objects.filter(slug="lavrov-calls-pompeo-2").exists()


def test_an_outlet_known_by_its_abbreviation_is_linked(editor_client):
    bbc = Organisation.objects.create(
        name="British Broadcasting Corporation", abbreviation="BBC", kind="news_outlet"
    )
    add_report(editor_client, outlet="bbc")
    assert Source.objects.get().outlet == bbc


def test_an_unknown_outlet_is_kept_in_the_notes_and_no_organisation_is_made(editor_client):
    add_report(editor_client, outlet="Daily Planet")
    source = Source.objects.get()
    assert source.outlet is None and "Outlet as given at intake: Daily Planet" in source.notes
    assert not Organisation.objects.filter(kind=OrganisationKind.NEWS_OUTLET).exists()


def test_details_with_errors_are_shown_again_and_the_report_is_kept(editor_client):
    first = editor_client.post(ADD, {"text": REPORT})
    token = first.context["token"]
    page = editor_client.post(ADD, {"token": token, **details(url="not a url", language="?")})
    assert page.status_code == 400 and not Source.objects.exists()
    assert "language" in page.context["details"].errors and "url" in page.context["details"].errors
    editor_client.post(ADD, {"token": token, **details()})
    assert Source.objects.get().text == REPORT


def test_a_report_pasted_twice_opens_the_first_one_s_draft(editor_client):
    add_report(editor_client)
    again = editor_client.post(ADD, {"text": "  " + REPORT.replace(" ", "  ")}, follow=True)
    assert Source.objects.count() == 1
    assert again.redirect_chain[-1][0] == f"/intake/{Draft.objects.get().pk}/"
    assert "already in the tracker" in again.content.decode()


def test_a_stored_source_without_a_draft_gets_one_when_pasted_again(editor_client):
    source = SourceFactory(text=REPORT)
    response = editor_client.post(ADD, {"text": REPORT})
    draft = Draft.objects.get(source=source)
    assert response["Location"] == f"/intake/{draft.pk}/" and Source.objects.count() == 1


def test_unfinished_drafts_are_listed_for_their_editor(editor_client, draft):
    page = editor_client.get(ADD).content.decode()
    assert f'href="/intake/{draft.pk}/"' in page and draft.source.title in page


# Bad input gets a clear answer, never a 500, and loses nothing


def test_an_empty_paste_is_refused_with_a_message(editor_client):
    page = editor_client.post(ADD, {"text": "   \n "})
    assert page.status_code == 400
    assert "The report is empty" in page.content.decode() and not Source.objects.exists()


def test_a_5_mb_paste_is_refused_with_a_message(editor_client):
    page = editor_client.post(ADD, {"text": "Lavrov spoke. " * 380_000})
    assert page.status_code == 413
    assert "over 2 MB" in page.content.decode() and not Source.objects.exists()


def test_a_5_mb_upload_is_refused_with_a_message(editor_client):
    upload = SimpleUploadedFile("big.txt", b"Lavrov spoke. " * 380_000, "text/plain")
    page = editor_client.post(ADD, {"upload": upload})
    assert page.status_code == 400
    assert "This report is 5.3 MB; intake takes up to 2 MB. Split it," in page.content.decode()
    assert not Source.objects.exists()


def test_a_binary_upload_is_refused_with_a_message(editor_client):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "text/plain")
    page = editor_client.post(ADD, {"upload": upload})
    assert page.status_code == 400
    assert "This file is not text (it contains binary data)." in page.content.decode()
    assert not Source.objects.exists()


def test_an_uploaded_text_file_is_read_like_a_paste(editor_client):
    upload = SimpleUploadedFile("report.txt", REPORT.encode(), "text/plain")
    page = editor_client.post(ADD, {"upload": upload})
    editor_client.post(ADD, {"token": page.context["token"], **details()})
    assert Source.objects.get().text == REPORT


def test_a_failed_paste_keeps_the_pasted_text_in_the_form(editor_client):
    upload = SimpleUploadedFile("photo.txt", b"\x00\x01binary", "text/plain")
    page = editor_client.post(ADD, {"text": "Keep this text.", "upload": upload})
    assert "Keep this text." in page.content.decode()


def test_html_with_a_script_is_stored_as_text_without_markup(editor_client):
    html = (
        "<html><head><title>Lavrov calls Pompeo</title><script>alert('x')</script></head>"
        "<body><article><h1>Lavrov calls Pompeo</h1><p>Russian Foreign Minister Sergei "
        "Lavrov spoke by phone with Mike Pompeo on Friday, the ministry said in Moscow."
        "</p><script>document.write('owned')</script><p>Both sides urged restraint after "
        "the strike, according to officials familiar with the call.</p></article></body></html>"
    )
    first = editor_client.post(ADD, {"text": html})
    assert "<script" not in first.content.decode().split("<main", 1)[1].split("</main>")[0]
    editor_client.post(ADD, {"token": first.context["token"], **details()})
    source = Source.objects.get()
    assert "Sergei Lavrov spoke by phone" in source.text
    assert "<" not in source.text and "alert" not in source.text and "owned" not in source.text


def test_html_without_article_text_is_refused_with_a_message(editor_client):
    page = editor_client.post(ADD, {"text": "<html><body><script>x()</script></body></html>"})
    assert page.status_code == 400
    assert "No article text was found in this HTML." in page.content.decode()
    assert not Source.objects.exists()


def test_html_quoted_in_a_report_is_kept_as_text_and_shown_escaped(editor_client):
    text = "Lavrov wrote: “<b>No</b> <script>alert(1)</script> escalation,” he said.\n"
    add_report(editor_client, text=text)
    source = Source.objects.get()
    assert source.text == text
    page = editor_client.get(reverse("intake-review", args=[source.intake_draft.pk]))
    html = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_a_report_in_an_unsupported_language_says_proposals_are_manual(editor_client):
    text = "Zarif telefonierte am Freitag mit Maas. Beide riefen zur Zurückhaltung auf.\n"
    add_report(editor_client, text=text, language="de")
    page = editor_client.get(reverse("intake-review", args=[Draft.objects.get().pk]))
    assert "No automatic proposals for &#x27;de&#x27;" in page.content.decode()
    assert page.context["article"][0][1] == 0  # sentences can still be clicked


def test_arabic_and_cyrillic_text_is_stored_and_shown_right_to_left_aware(editor_client):
    text = "قال ظريف إن الرد سيكون حاسما. Лавров позвонил Помпео в пятницу.\n"
    add_report(editor_client, text=text, title="ظريف ولافروف", language="ar")
    source = Source.objects.get()
    assert source.text == text and source.title == "ظريف ولافروف"
    assert source.slug == "report"
    page = editor_client.get(reverse("intake-review", args=[source.intake_draft.pk]))
    assert 'dir="auto"' in page.content.decode() and "Лавров позвонил" in page.content.decode()


def test_a_proposer_failure_still_opens_a_draft_for_manual_review(editor_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model missing")

    monkeypatch.setattr("intake.proposer.propose", broken)
    response = add_report(editor_client)
    draft = Draft.objects.get()
    assert response["Location"] == f"/intake/{draft.pk}/"
    assert draft.proposals["sentences"] and "failed" in draft.proposals["notes"][0]
