"""A statement about a contact, from intake: suggested by the proposer, chosen on the review
page, and written by "Save" (the contact first, then the statement linked to it)."""

import datetime
import re

import pytest
from django.urls import reverse

from contacts.models import Contact, Statement
from intake import drafting
from intake.proposer import propose
from intake.readouts import suggest_contacts
from intake.saving import DraftInvalid, save_draft
from tests.factories import PersonFactory, SourceFactory, StatementFactory, make_contact
from tests.test_intake_saving import (
    MEETING,
    QUOTE,
    TEXT,
    accepted,
    contact_proposal,
    make_draft,
    statement_proposal,
)

pytestmark = pytest.mark.django_db

READOUT = (
    "Secretary of State Mike Pompeo spoke with British Foreign Secretary Dominic Raab today. "
    "During the call, Secretary Pompeo stressed that the United States remains committed to "
    "de-escalation."
)
ASIDE = (
    "Secretary of State Mike Pompeo spoke with British Foreign Secretary Dominic Raab today. "
    "Iran's Foreign Minister Javad Zarif said the strike was an act of terrorism. "
    "Pompeo told CNN on Sunday that the strike saved lives."
)


@pytest.fixture
def people(db):
    """Lavrov and Pompeo, with the slugs test_intake_saving's proposals use."""
    return (
        PersonFactory(name="Sergei Lavrov", slug="sergei-lavrov"),
        PersonFactory(name="Mike Pompeo", slug="pompeo"),
    )


@pytest.fixture
def source(db):
    return SourceFactory(text=TEXT, language="en")


def about(pid="c1", **fields):
    return statement_proposal(about_contact=pid, **fields)


# Saving


def test_a_statement_about_a_contact_proposal_is_linked_to_the_contact_saved_with_it(
    people, source
):
    draft = make_draft(
        source, contacts=[contact_proposal()], statements=[about()], decisions=accepted("c1", "s1")
    )
    save_draft(draft_id=draft.pk)
    contact, statement = Contact.objects.get(), Statement.objects.get()
    assert statement.contact == contact
    draft.refresh_from_db()
    assert draft.decisions["s1"]["result"]["note"] == f"about contact #{contact.pk}"


def test_the_contact_is_written_before_a_statement_about_it_whatever_their_order(people, source):
    statement = {
        "excerpt": QUOTE, "speaker": "sergei-lavrov", "text": "We urged restraint",
        "medium": "remarks", "date_start": "2020-01-03", "about_contact": "m2",
    }  # fmt: skip
    contact = {
        "excerpt": MEETING, "kind": "meeting", "date_start": "2020-01-02",
        "p0_person": "pompeo", "p1_person": "sergei-lavrov",
    }  # fmt: skip
    decisions = {
        "m1": {"manual": True, "type": "statement", "status": "accepted", "data": statement},
        "m2": {"manual": True, "type": "contact", "status": "accepted", "data": contact},
    }
    save_draft(draft_id=make_draft(source, decisions=decisions).pk)
    assert Statement.objects.get().contact == Contact.objects.get(kind="meeting")


def test_a_statement_about_a_stored_contact_by_number_is_linked_to_it(people, source):
    stored = make_contact(*people)
    data = {"about_contact": "existing", "about_contact_number": stored.pk}
    draft = make_draft(source, statements=[statement_proposal()], decisions=accepted("s1", s1=data))
    save_draft(draft_id=draft.pk)
    assert Statement.objects.get().contact == stored
    assert Contact.objects.count() == 1


def test_a_statement_about_a_contact_number_nobody_has_is_refused(people, source):
    data = {"about_contact": "existing", "about_contact_number": 999999}
    draft = make_draft(source, statements=[statement_proposal()], decisions=accepted("s1", s1=data))
    with pytest.raises(DraftInvalid) as refused:
        save_draft(draft_id=draft.pk)
    assert refused.value.problems == {"s1": ["About the contact: there is no contact #999999."]}
    assert not Statement.objects.exists()


def test_a_statement_about_a_rejected_contact_proposal_saves_nothing_and_says_why(
    editor_client, people, source
):
    decisions = {"c1": {"status": "rejected", "data": {}}, **accepted("s1")}
    draft = make_draft(
        source, contacts=[contact_proposal()], statements=[about()], decisions=decisions
    )
    page = editor_client.post(reverse("intake-save", args=[draft.pk]))
    assert page.status_code == 400
    html = page.content.decode()
    card = html[html.index('id="proposal-s1"') :]
    assert "Nothing was saved" in html
    assert "About the contact: contact c1 is rejected, so this statement cannot be linked" in card
    assert "Accept contact c1, or choose another contact or none." in card
    assert not Statement.objects.exists() and not Contact.objects.exists()


def test_a_statement_about_an_undecided_contact_proposal_is_refused(people, source):
    draft = make_draft(
        source, contacts=[contact_proposal()], statements=[about()], decisions=accepted("s1")
    )
    with pytest.raises(DraftInvalid) as refused:
        save_draft(draft_id=draft.pk)
    assert "contact c1 is not accepted" in refused.value.problems["s1"][0]
    assert not Statement.objects.exists()


def test_a_cited_statement_about_no_contact_is_linked_to_the_contact_saved_with_it(people, source):
    known = StatementFactory(speaker=people[0])
    draft = make_draft(
        source,
        contacts=[contact_proposal()],
        statements=[about(existing_statement=known.pk)],
        decisions=accepted("c1", "s1"),
    )
    save_draft(draft_id=draft.pk)
    contact = Contact.objects.get()
    known.refresh_from_db()
    assert known.contact == contact and known.citations.filter(excerpt=QUOTE).exists()
    assert known.history.first().history_change_reason.startswith(f"Linked to contact {contact.pk}")
    draft.refresh_from_db()
    assert draft.decisions["s1"]["result"]["note"] == f"now about contact #{contact.pk}"


def test_a_cited_statement_about_another_contact_keeps_it_and_the_result_says_so(
    editor_client, people, source
):
    earlier = make_contact(*people)
    known = StatementFactory(speaker=people[0], contact=earlier)
    draft = make_draft(
        source,
        contacts=[contact_proposal()],
        statements=[about(existing_statement=known.pk)],
        decisions=accepted("c1", "s1"),
    )
    page = editor_client.post(reverse("intake-save", args=[draft.pk]), follow=True)
    new = Contact.objects.exclude(pk=earlier.pk).get()
    known.refresh_from_db()
    assert known.contact == earlier
    html = page.content.decode()
    assert (
        f"already about contact #{earlier.pk}: left as it was, not changed to contact #{new.pk}"
        in html
    )


# Choosing on the review page


def readable_draft(source, **decisions):
    """A draft of TEXT with its sentences, a call (c1), a meeting (c2) and a statement."""
    proposals = {
        "sentences": drafting.simple_sentences(TEXT),
        "people": [],
        "contacts": [contact_proposal(), contact_proposal("c2", MEETING, kind="meeting")],
        "statements": [about("c1")],
        "notes": [],
    }
    draft = make_draft(source, decisions=decisions)
    draft.proposals = proposals
    draft.save()
    return draft


def test_the_review_page_offers_the_draft_s_contacts_by_readable_labels(
    editor_client, people, source
):
    draft = readable_draft(source, c2={"status": "rejected", "data": {}})
    html = editor_client.get(reverse("intake-review", args=[draft.pk])).content.decode()
    select = re.search(r'<select name="s1-about_contact".*?</select>', html, re.S).group()
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    assert options == [
        ("", "", "None"),
        ("c1", " selected", "Phone call: Sergei Lavrov – Pompeo (sentence 1, contact c1, "
         "not accepted yet)"),
        ("c2", "", "Meeting: Sergei Lavrov – Pompeo (sentence 3, contact c2, rejected)"),
        ("existing", "", "A contact already in the tracker (give its number)"),
    ]  # fmt: skip
    assert '<dt>About the contact</dt><dd dir="auto">Phone call: Sergei Lavrov – Pompeo' in html
    assert "not accepted yet): accept it before saving</dd>" in html


def test_choosing_a_stored_contact_by_its_number_alone_is_kept(editor_client, people, source):
    draft = readable_draft(source)
    form = {
        "action": "edit", "proposal": "s1", "s1-speaker": "sergei-lavrov",
        "s1-text": "We urged restraint", "s1-medium": "remarks", "s1-date_start": "2020-01-03",
        "s1-about_contact": "", "s1-about_contact_number": "7",
    }  # fmt: skip
    editor_client.post(reverse("intake-review", args=[draft.pk]), form)
    draft.refresh_from_db()
    data = draft.decisions["s1"]["data"]
    assert (data["about_contact"], data["about_contact_number"]) == ("existing", 7)


def test_a_contact_proposal_and_a_number_at_once_are_refused(editor_client, people, source):
    draft = readable_draft(source)
    form = {
        "action": "edit", "proposal": "s1", "s1-speaker": "sergei-lavrov",
        "s1-text": "We urged restraint", "s1-medium": "remarks", "s1-date_start": "2020-01-03",
        "s1-about_contact": "c2", "s1-about_contact_number": "7",
    }  # fmt: skip
    page = editor_client.post(reverse("intake-review", args=[draft.pk]), form)
    assert page.status_code == 400
    assert "Choose either contact c2 of this report or contact #7, not both." in (
        page.content.decode()
    )
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_a_statement_added_by_hand_can_be_about_a_contact_of_the_draft(
    editor_client, people, source
):
    draft = readable_draft(source)
    form = {
        "action": "new-statement", "new-statement-excerpt": QUOTE,
        "new-statement-speaker": "sergei-lavrov", "new-statement-text": "We urged restraint",
        "new-statement-medium": "remarks", "new-statement-date_start": "2020-01-03",
        "new-statement-about_contact": "c2",
    }  # fmt: skip
    editor_client.post(reverse("intake-review", args=[draft.pk]), form)
    draft.refresh_from_db()
    assert draft.decisions["m1"]["data"]["about_contact"] == "c2"


# The proposer's suggestion


@pytest.fixture
def known(db):
    for name in ("Mike Pompeo", "Dominic Raab", "Javad Zarif"):
        PersonFactory(name=name, slug=name.lower().replace(" ", "-"))


def test_the_proposer_suggests_the_call_a_readout_sentence_is_about(known):
    result = propose(READOUT, published=datetime.date(2020, 1, 3), language="en")
    [call] = result["contacts"]
    [statement] = result["statements"]
    assert statement["speaker"]["person"] == "mike-pompeo"
    assert statement["about_contact"] == call["id"]


def test_the_proposer_suggests_no_call_for_someone_else_or_a_later_tv_interview(known):
    result = propose(ASIDE, published=datetime.date(2020, 1, 3), language="en")
    said = {s["speaker"]["person"]: s for s in result["statements"]}
    assert said["javad-zarif"]["about_contact"] is None
    assert said["mike-pompeo"]["medium"] == "tv_interview"
    assert said["mike-pompeo"]["about_contact"] is None


def side(name):
    return {"name": name, "person": name.lower(), "description": "", "country": None}


def test_two_calls_in_one_sentence_are_told_apart_only_by_the_side_the_statement_names():
    sentences = [[0, 40], [41, 80], [81, 120]]
    contacts = [
        {"id": "c1", "start": 0, "participants": [side("Pompeo"), side("Raab")]},
        {"id": "c2", "start": 0, "participants": [side("Pompeo"), side("Maas")]},
    ]
    statements = [
        {"id": "s1", "start": 41, "excerpt": "Pompeo thanked Raab.", "speaker": side("Pompeo")},
        {"id": "s2", "start": 81, "excerpt": "Pompeo thanked them.", "speaker": side("Pompeo")},
    ]
    suggest_contacts(contacts, statements, sentences)
    assert [s["about_contact"] for s in statements] == ["c1", None]
