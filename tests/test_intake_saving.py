"""Saving a reviewed draft: accepted proposals become records, all at once or not at all."""

import datetime

import pytest
from django.urls import reverse

from contacts.models import (
    Citation,
    Contact,
    Country,
    DatePrecision,
    OfficeHolding,
    Organisation,
    Person,
    Statement,
)
from intake.models import Draft
from intake.saving import DraftInvalid, save_draft
from tests.factories import PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Russian Foreign Minister Sergei Lavrov spoke by phone with Mike Pompeo on Friday. "
    "“We urged restraint,” Lavrov told CNN. Iran's envoy Ali Vaez met Pompeo on 2-4 January."
)
CALL = "Russian Foreign Minister Sergei Lavrov spoke by phone with Mike Pompeo on Friday."
QUOTE = "“We urged restraint,” Lavrov told CNN."
MEETING = "Iran's envoy Ali Vaez met Pompeo on 2-4 January."


def span(excerpt):
    start = TEXT.index(excerpt)
    return {"excerpt": excerpt, "start": start, "end": start + len(excerpt), "confident": True}


def participant(name, slug=None, country=None):
    return {"name": name, "person": slug, "description": "", "country": country}


def contact_proposal(pid="c1", excerpt=CALL, **fields):
    lavrov, pompeo = participant("Sergei Lavrov", "sergei-lavrov"), participant("Pompeo", "pompeo")
    return {
        "id": pid, **span(excerpt), "kind": "phone_call", "date_start": "2020-01-03",
        "date_end": None, "date_as_written": "on Friday", "participants": [lavrov, pompeo],
        "initiator": lavrov, "location": "", "existing_contact": None, **fields,
    }  # fmt: skip


def statement_proposal(pid="s1", **fields):
    return {
        "id": pid, **span(QUOTE), "text": "We urged restraint", "verbatim": True,
        "speaker": {"name": "Lavrov", "person": "sergei-lavrov", "description": ""},
        "medium": "tv_interview", "outlet": "CNN", "date_start": "2020-01-03", "date_end": None,
        "existing_statement": None, **fields,
    }  # fmt: skip


@pytest.fixture
def people(db):
    russia = Country.objects.create(code="RU", name="Russia")
    return (
        PersonFactory(name="Sergei Lavrov", slug="sergei-lavrov", country=russia),
        PersonFactory(name="Mike Pompeo", slug="pompeo"),
    )


@pytest.fixture
def source(db):
    return SourceFactory(text=TEXT, language="ru")


def make_draft(source, *, people=(), contacts=(), statements=(), decisions=None, user=None):
    proposals = {"sentences": [], "people": list(people), "contacts": list(contacts)}
    proposals.update(statements=list(statements), notes=[])
    return Draft.objects.create(
        source=source, proposals=proposals, decisions=decisions or {}, created_by=user
    )


def accepted(*ids, **data):
    return {pid: {"status": "accepted", "data": data.get(pid, {})} for pid in ids}


def test_saving_writes_the_accepted_contact_cited_and_recorded_under_the_editor(
    editor_client, editor, people, source
):
    draft = make_draft(source, contacts=[contact_proposal()], decisions=accepted("c1"))
    response = editor_client.post(reverse("intake-save", args=[draft.pk]))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.kind, contact.date_start) == ("phone_call", datetime.date(2020, 1, 3))
    assert contact.date_precision == DatePrecision.DAY and contact.summary == CALL
    assert contact.initiator.person == people[0] and contact.initiator_certainty == "stated"
    assert {p.person for p in contact.participants.all()} == set(people)
    citation = contact.citations.get()
    assert (citation.source, citation.excerpt, citation.date_as_written) == (
        source,
        CALL,
        "on Friday",
    )
    assert contact.history.get().history_user == editor
    assert citation.history.get().history_user == editor


def test_the_saved_draft_lists_what_was_created(editor_client, people, source):
    draft = make_draft(source, contacts=[contact_proposal()], decisions=accepted("c1"))
    page = editor_client.post(reverse("intake-save", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    contact = Contact.objects.get()
    assert draft.saved_at is not None
    assert draft.decisions["c1"]["result"]["id"] == contact.pk
    assert f'href="/contacts/{contact.pk}/"' in page.content.decode()
    assert "Created contact" in page.content.decode()


def test_an_accepted_statement_is_written_in_the_source_s_language(people, source):
    draft = make_draft(source, statements=[statement_proposal()], decisions=accepted("s1"))
    save_draft(draft_id=draft.pk)
    statement = Statement.objects.get()
    assert statement.speaker == people[0] and statement.text == "We urged restraint"
    assert (statement.language, statement.medium, statement.is_verbatim) == (
        "ru",
        "tv_interview",
        True,
    )
    assert statement.citations.get().excerpt == QUOTE


def test_a_statement_s_known_outlet_is_linked_and_an_unknown_one_noted(people, source):
    cnn = Organisation.objects.create(
        name="Cable News Network", abbreviation="CNN", kind="news_outlet"
    )
    other = statement_proposal("s2", outlet="Radio Nowhere")
    draft = make_draft(
        source, statements=[statement_proposal(), other], decisions=accepted("s1", "s2")
    )
    save_draft(draft_id=draft.pk)
    assert Statement.objects.get(outlet=cnn)
    unknown = Statement.objects.get(outlet=None)
    assert "Radio Nowhere" in unknown.citations.get().note


def test_a_new_person_is_created_with_the_written_name_as_alias_and_a_cited_office(source):
    Country.objects.create(code="RU", name="Russia")
    person = {
        "id": "p1", **span(CALL), "name": "Sergei Lavrov", "person": None, "candidates": [],
        "new": {"name": "Sergey Lavrov", "title": "Foreign Minister", "country": "RU"},
    }  # fmt: skip
    draft = make_draft(source, people=[person], decisions=accepted("p1"))
    save_draft(draft_id=draft.pk)
    lavrov = Person.objects.get()
    assert (lavrov.name, lavrov.slug, lavrov.country.code) == (
        "Sergey Lavrov",
        "sergey-lavrov",
        "RU",
    )
    assert list(lavrov.aliases.values_list("name", flat=True)) == ["Sergei Lavrov"]
    office = OfficeHolding.objects.get(person=lavrov)
    assert office.title == "Foreign Minister" and office.citations.get().excerpt == CALL


def test_a_new_person_takes_part_in_a_contact_saved_with_them(source):
    PersonFactory(name="Mike Pompeo", slug="pompeo")
    person = {
        "id": "p1", **span(CALL), "name": "Sergei Lavrov", "person": None, "candidates": [],
        "new": {"name": "Sergei Lavrov", "title": "", "country": None},
    }  # fmt: skip
    call = contact_proposal(
        participants=[participant("Sergei Lavrov"), participant("Pompeo", "pompeo")]
    )
    call["initiator"] = None
    draft = make_draft(source, people=[person], contacts=[call], decisions=accepted("p1", "c1"))
    save_draft(draft_id=draft.pk)
    names = set(Contact.objects.get().participants.values_list("person__name", flat=True))
    assert names == {"Sergei Lavrov", "Mike Pompeo"}
    assert Contact.objects.get().initiator_certainty == "unknown"


def test_a_new_person_s_slug_is_made_unique(source):
    PersonFactory(name="Ali Vaez", slug="ali-vaez")
    person = {
        "id": "p1", **span(MEETING), "name": "Ali Vaez", "person": None, "candidates": [],
        "new": {"name": "Ali Vaez", "title": "", "country": None},
    }  # fmt: skip
    draft = make_draft(source, people=[person], decisions=accepted("p1"))
    save_draft(draft_id=draft.pk)
    assert set(Person.objects.values_list("slug", flat=True)) == {"ali-vaez", "ali-vaez-2"}


def test_rejected_and_undecided_proposals_are_not_written(people, source):
    decisions = {"c1": {"status": "rejected", "data": {}}, **accepted("s1")}
    draft = make_draft(
        source,
        contacts=[contact_proposal(), contact_proposal("c2", MEETING)],
        statements=[statement_proposal()],
        decisions=decisions,
    )
    save_draft(draft_id=draft.pk)
    assert not Contact.objects.exists() and Statement.objects.count() == 1


def test_a_proposal_already_known_becomes_a_citation_of_that_contact_even_undated(
    pair, source, people
):
    known = pair[2]
    draft = make_draft(
        source,
        contacts=[contact_proposal(existing_contact=known.pk, date_start=None)],
        decisions=accepted("c1"),
    )
    save_draft(draft_id=draft.pk)
    assert Contact.objects.count() == 1
    assert known.citations.filter(source=source, excerpt=CALL).exists()
    draft.refresh_from_db()
    assert draft.decisions["c1"]["result"]["action"] == "cited"


def test_an_edited_contact_is_saved_as_edited_with_its_date_range(people, source):
    edit = {
        "kind": "meeting", "date_start": "2020-01-02", "date_end": "2020-01-04",
        "p0_person": "pompeo", "p1_person": "", "p1_description": "Iran's envoy",
        "p1_country": "ru",
        "initiator": "", "location": "Geneva",
    }  # fmt: skip
    draft = make_draft(
        source, contacts=[contact_proposal("c1", MEETING)], decisions=accepted("c1", c1=edit)
    )
    save_draft(draft_id=draft.pk)
    contact = Contact.objects.get()
    assert (contact.kind, contact.location, contact.date_precision) == (
        "meeting",
        "Geneva",
        "range",
    )
    assert (contact.date_start, contact.date_end) == (
        datetime.date(2020, 1, 2),
        datetime.date(2020, 1, 4),
    )
    unnamed = contact.participants.get(person=None)
    assert (unnamed.description, unnamed.country.code) == ("Iran's envoy", "RU")


def test_a_manual_statement_is_saved_with_its_excerpt(people, source):
    data = {
        "excerpt": QUOTE, "speaker": "Sergei Lavrov", "text": "We urged restraint",
        "verbatim": True, "medium": "remarks", "date_start": "2020-01-03",
    }  # fmt: skip
    decisions = {"m1": {"manual": True, "type": "statement", "status": "accepted", "data": data}}
    draft = make_draft(source, decisions=decisions)
    save_draft(draft_id=draft.pk)
    assert Statement.objects.get().citations.get().excerpt == QUOTE


def test_one_invalid_proposal_saves_nothing_and_says_why(editor_client, people, source):
    undated = contact_proposal("c2", MEETING, date_start=None)
    draft = make_draft(
        source,
        contacts=[contact_proposal(), undated],
        statements=[statement_proposal()],
        decisions=accepted("c1", "c2", "s1"),
    )
    page = editor_client.post(reverse("intake-save", args=[draft.pk]))
    assert page.status_code == 400
    html = page.content.decode()
    assert "Nothing was saved" in html and "Date: This field is required." in html
    assert not Contact.objects.exists() and not Statement.objects.exists()
    assert Citation.objects.count() == 0
    draft.refresh_from_db()
    assert draft.saved_at is None


def test_a_contact_with_one_participant_is_refused_with_its_reason(people, source):
    alone = contact_proposal(participants=[participant("Pompeo", "pompeo")], initiator=None)
    draft = make_draft(source, contacts=[alone], decisions=accepted("c1"))
    with pytest.raises(DraftInvalid) as refused:
        save_draft(draft_id=draft.pk)
    assert refused.value.problems == {"c1": ["A contact needs at least two participants."]}
    assert not Contact.objects.exists()


def test_a_participant_nobody_is_called_is_refused_with_its_reason(people, source):
    stranger = contact_proposal(participants=[participant("Pompeo", "pompeo"), participant("Zed")])
    stranger["initiator"] = None
    draft = make_draft(source, contacts=[stranger], decisions=accepted("c1"))
    with pytest.raises(DraftInvalid) as refused:
        save_draft(draft_id=draft.pk)
    assert "Nobody in the tracker is called “Zed”" in refused.value.problems["c1"][0]
    assert not Contact.objects.exists()


def test_an_excerpt_not_in_the_source_is_refused(people, source):
    wrong = contact_proposal(excerpt=CALL)
    wrong["excerpt"] = "Lavrov never said this."
    draft = make_draft(source, contacts=[wrong], decisions=accepted("c1"))
    with pytest.raises(DraftInvalid) as refused:
        save_draft(draft_id=draft.pk)
    assert "not found in the text" in refused.value.problems["c1"][0]
    assert not Contact.objects.exists() and not Citation.objects.exists()


def test_a_draft_is_saved_only_once(people, source):
    draft = make_draft(source, contacts=[contact_proposal()], decisions=accepted("c1"))
    save_draft(draft_id=draft.pk)
    with pytest.raises(DraftInvalid, match="This draft was saved already; nothing was saved"):
        save_draft(draft_id=draft.pk)
    assert Contact.objects.count() == 1


def test_a_draft_with_nothing_accepted_is_not_saved(source):
    draft = make_draft(source, contacts=[contact_proposal()])
    with pytest.raises(DraftInvalid) as refused:
        save_draft(draft_id=draft.pk)
    assert "No proposal is accepted" in refused.value.problems[""][0]
    draft.refresh_from_db()
    assert draft.saved_at is None and not Contact.objects.exists()
