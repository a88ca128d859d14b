"""Intake pages: who may use them, adding a report, bad input, and the review page."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Contact, Organisation, OrganisationKind, Source
from intake import drafting
from intake.models import Draft
from tests.factories import PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

ADD = "/intake/"
REPORT = (
    "Lavrov calls Pompeo\n\n"
    "Russian Foreign Minister Sergei Lavrov spoke by phone with Mike Pompeo on Friday. "
    "“We urged restraint,” Lavrov said.\n"
    "Both sides said they would talk again soon.\n"
)


def fake_propose(text, *, published=None, language=None, title=""):
    """The proposer's shape without its NLP: sentences, and one person, contact, statement."""
    sentences = drafting.simple_sentences(text)
    first = "Russian Foreign Minister Sergei Lavrov spoke by phone with Mike Pompeo on Friday."
    start = text.find(first)
    result = {"sentences": sentences, "people": [], "contacts": [], "statements": [], "notes": []}
    if start >= 0:
        span = {"excerpt": first, "start": start, "end": start + len(first)}
        pompeo = {
            "name": "Mike Pompeo",
            "person": "mike-pompeo",
            "description": "",
            "country": "US",
        }
        lavrov = {"name": "Sergei Lavrov", "person": None, "description": "", "country": "RU"}
        result["people"] = [
            {
                "id": "p1",
                **span,
                "confident": True,
                "name": "Mike Pompeo",
                "person": "mike-pompeo",
                "candidates": [],
                "new": None,
            },
        ]
        result["contacts"] = [
            {
                "id": "c1",
                **span,
                "confident": True,
                "kind": "phone_call",
                "date_start": "2020-01-03",
                "date_end": None,
                "date_as_written": "on Friday",
                "participants": [lavrov, pompeo],
                "initiator": lavrov,
                "location": "",
                "existing_contact": None,
            },
        ]
        result["statements"] = [
            {"id": "s1", **span, "confident": False, "text": "We urged restraint",
             "speaker": {"name": "Lavrov", "person": None, "description": ""},
             "verbatim": True, "medium": "remarks", "outlet": None,
             "date_start": "2020-01-03", "date_end": None, "existing_statement": None},
        ]  # fmt: skip
    if language not in ("en", None):
        result["notes"].append(f"No automatic proposals for '{language}'.")
    return result


@pytest.fixture(autouse=True)
def proposer(monkeypatch):
    monkeypatch.setattr("intake.proposer.propose", fake_propose)


def details(**changes):
    return {
        "title": "Lavrov calls Pompeo",
        "outlet": "",
        "url": "",
        "published": "2020-01-04",
        "language": "en",
        **changes,
    }


def add_report(client, text=REPORT, **changes):
    """Paste `text`, then confirm its details; returns the second response."""
    first = client.post(ADD, {"text": text})
    token = first.context["token"]
    return client.post(ADD, {"token": token, **details(**changes)})


@pytest.fixture
def draft(editor):
    source = SourceFactory(text=REPORT, language="en")
    return Draft.objects.create(
        source=source, proposals=fake_propose(REPORT, language="en"), created_by=editor
    )


# Who may use intake


@pytest.mark.parametrize("url", [ADD, "/intake/people/?q=Mi"])
def test_anonymous_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


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


def test_a_user_with_the_add_contact_permission_may_add_reports(client):
    user = User.objects.create_user("helper")
    user.user_permissions.add(Permission.objects.get(codename="add_contact"))
    client.force_login(user)
    assert client.get(ADD).status_code == 200


def test_an_administrator_may_add_reports(client):
    user = User.objects.create_user("boss")
    user.groups.add(Group.objects.get(name="Administrator"))
    client.force_login(user)
    assert client.get(ADD).status_code == 200


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
    assert page.status_code == 400 and "intake takes up to 2 MB" in page.content.decode()


def test_a_binary_upload_is_refused_with_a_message(editor_client):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "text/plain")
    page = editor_client.post(ADD, {"upload": upload})
    assert page.status_code == 400
    assert "not text" in page.content.decode() and not Source.objects.exists()


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
    assert page.status_code == 400 and "No article text" in page.content.decode()


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


# The review page


def test_review_page_shows_sentences_and_proposals_in_a_fixed_number_of_queries(
    editor_client, draft, django_assert_max_num_queries
):
    PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    with django_assert_max_num_queries(12):
        page = editor_client.get(reverse("intake-review", args=[draft.pk]))
    html = page.content.decode()
    start, end = draft.proposals["sentences"][1]
    assert f'data-start="{start}" data-end="{end}"' in html
    assert 'class="sentence covered"' in html
    assert 'id="proposal-p1"' in html and 'id="proposal-c1"' in html and 'id="proposal-s1"' in html
    assert "Mike Pompeo (mike-pompeo)" in html and "Phone call" in html
    assert "We urged restraint" in html


def test_review_page_links_a_proposal_already_known_to_its_contact(editor_client, draft, pair):
    contact = pair[2]
    draft.proposals["contacts"][0]["existing_contact"] = contact.pk
    draft.save()
    html = editor_client.get(reverse("intake-review", args=[draft.pk])).content.decode()
    assert f"Already known: cite contact #{contact.pk}" in html
    assert f'href="/contacts/{contact.pk}/"' in html


def decide(client, draft, **data):
    return client.post(reverse("intake-review", args=[draft.pk]), data)


def test_accepting_and_rejecting_persist_in_the_draft(editor_client, draft):
    decide(editor_client, draft, action="accept", proposal="c1")
    decide(editor_client, draft, action="reject", proposal="s1")
    draft.refresh_from_db()
    assert draft.decisions["c1"]["status"] == "accepted"
    assert draft.decisions["s1"]["status"] == "rejected"
    assert not Contact.objects.exists()


def test_undeciding_forgets_the_decision(editor_client, draft):
    decide(editor_client, draft, action="reject", proposal="c1")
    decide(editor_client, draft, action="undo", proposal="c1")
    draft.refresh_from_db()
    assert "c1" not in draft.decisions


def test_accept_all_confident_takes_only_undecided_confident_proposals(editor_client, draft):
    decide(editor_client, draft, action="reject", proposal="p1")
    decide(editor_client, draft, action="accept_confident")
    draft.refresh_from_db()
    assert draft.decisions["c1"]["status"] == "accepted"
    assert draft.decisions["p1"]["status"] == "rejected"
    assert "s1" not in draft.decisions


def test_an_edit_is_kept_and_accepts_the_proposal(editor_client, draft):
    form = {
        "action": "edit", "proposal": "c1", "c1-kind": "meeting", "c1-date_start": "2020-01-02",
        "c1-p0_person": "Sergei Lavrov", "c1-p1_person": "mike-pompeo", "c1-initiator": "1",
    }  # fmt: skip
    response = decide(editor_client, draft, **form)
    assert response["Location"].endswith("#proposal-c1")
    draft.refresh_from_db()
    decision = draft.decisions["c1"]
    assert decision["status"] == "accepted"
    assert decision["data"]["kind"] == "meeting" and decision["data"]["date_start"] == "2020-01-02"
    assert decision["data"]["initiator"] == "1"


def test_an_invalid_edit_is_shown_with_its_errors_and_nothing_is_kept(editor_client, draft):
    form = {"action": "edit", "proposal": "c1", "c1-kind": "meeting", "c1-p0_person": "Lavrov"}
    page = decide(editor_client, draft, **form)
    assert page.status_code == 400
    html = page.content.decode()
    assert "A contact needs at least two participants." in html and "This field is required" in html
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_clicking_a_sentence_offers_a_manual_proposal_with_that_excerpt(editor_client, draft):
    start, end = draft.proposals["sentences"][2]
    page = editor_client.get(reverse("intake-review", args=[draft.pk]) + "?sentence=2")
    manual = page.context["manual"]
    assert manual["contact"].initial["excerpt"] == REPORT[start:end]
    assert 'value="new-statement"' in page.content.decode()


def test_a_manual_statement_is_added_accepted(editor_client, draft):
    excerpt = "“We urged restraint,” Lavrov said."
    form = {
        "action": "new-statement", "new-statement-excerpt": excerpt,
        "new-statement-speaker": "Sergei Lavrov", "new-statement-text": "We urged restraint",
        "new-statement-verbatim": "on", "new-statement-medium": "remarks",
        "new-statement-date_start": "2020-01-03",
    }  # fmt: skip
    response = decide(editor_client, draft, **form)
    assert response.status_code == 302 and response["Location"].endswith("#proposal-m1")
    draft.refresh_from_db()
    decision = draft.decisions["m1"]
    assert decision["manual"] and decision["type"] == "statement"
    assert decision["status"] == "accepted" and decision["data"]["excerpt"] == excerpt


def test_a_manual_excerpt_not_in_the_report_is_refused(editor_client, draft):
    form = {
        "action": "new-statement", "new-statement-excerpt": "Words nobody wrote.",
        "new-statement-speaker": "Lavrov", "new-statement-text": "Words",
        "new-statement-medium": "remarks", "new-statement-date_start": "2020-01-03",
    }  # fmt: skip
    page = decide(editor_client, draft, **form)
    assert page.status_code == 400 and "not in the report" in page.content.decode()
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_removing_a_manual_proposal_forgets_it(editor_client, draft):
    draft.decisions = {"m1": {"manual": True, "type": "statement", "status": "accepted"}}
    draft.save()
    decide(editor_client, draft, action="reject", proposal="m1")
    draft.refresh_from_db()
    assert "m1" not in draft.decisions


def test_an_unknown_proposal_is_a_404(editor_client, draft):
    assert decide(editor_client, draft, action="accept", proposal="zz").status_code == 404


def test_a_saved_draft_can_no_longer_be_changed(editor_client, draft):
    draft.saved_at = datetime.datetime(2020, 1, 5, tzinfo=datetime.UTC)
    draft.save()
    decide(editor_client, draft, action="accept", proposal="c1")
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_people_lookup_finds_people_by_name_or_alias(editor_client):
    PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    PersonFactory(name="Dominic Raab", slug="dominic-raab")
    found = editor_client.get("/intake/people/?q=pomp").json()["results"]
    assert [row["slug"] for row in found] == ["mike-pompeo"]
