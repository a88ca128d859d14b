"""The intake review page: sentences, proposals, decisions, manual proposals."""

import datetime

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.factories import AliasFactory, PersonFactory

from .support import REPORT

pytestmark = pytest.mark.django_db

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
    assert (
        '<option value="c1" selected>Phone call: Sergei Lavrov – Mike Pompeo '
        "(sentence 1, contact c1, not accepted yet)</option>" in html
    )


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


@pytest.mark.parametrize("number", ["²", "9" * 40, "-1", "x"])
def test_a_sentence_number_no_sentence_has_offers_no_manual_proposal(editor_client, draft, number):
    page = editor_client.get(reverse("intake-review", args=[draft.pk]), {"sentence": number})
    assert page.status_code == 200
    assert page.context["manual"] is None


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
    response = decide(editor_client, draft, action="accept", proposal="zz")
    assert response.status_code == 404
    assert "No such proposal in this draft." in response.content.decode()
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_a_saved_draft_can_no_longer_be_changed(editor_client, draft):
    draft.saved_at = datetime.datetime(2020, 1, 5, tzinfo=datetime.UTC)
    draft.save()
    response = editor_client.post(
        reverse("intake-review", args=[draft.pk]),
        {"action": "accept", "proposal": "c1"},
        follow=True,
    )
    assert "This draft is saved: it can no longer be changed." in response.content.decode()
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_people_lookup_finds_people_by_name_or_alias(editor_client):
    PersonFactory(name="Mike Pompeo", slug="mike-pompeo")
    raab = PersonFactory(name="Dominic Raab", slug="dominic-raab")
    AliasFactory(person=raab, name="Dominic Rennie Raab")
    found = editor_client.get("/intake/people/?q=pomp").json()["results"]
    assert [row["slug"] for row in found] == ["mike-pompeo"]
    by_alias = editor_client.get("/intake/people/?q=rennie").json()["results"]
    assert [row["slug"] for row in by_alias] == ["dominic-raab"]
