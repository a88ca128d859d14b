import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from contacts.models import Citation, Contact, Statement
from tests.factories import (
    CitationFactory,
    ContactFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_statements_by_a_person(pair):
    caller, callee, contact = pair
    own = StatementFactory(speaker=caller)
    StatementFactory(speaker=callee)
    assert list(Statement.objects.by(caller)) == [own]


def test_statements_about_a_contact_or_by_its_people_within_the_window_after_it(pair):
    caller, callee, contact = pair  # contact on 3 Jan 2020
    next_day = StatementFactory(speaker=callee, date_start=D(2020, 1, 4))
    about = StatementFactory(contact=contact, date_start=D(2020, 1, 20))  # linked to it
    StatementFactory(speaker=callee, date_start=D(2020, 1, 9))  # too late
    StatementFactory(speaker=callee, date_start=D(2020, 1, 1))  # before
    StatementFactory(date_start=D(2020, 1, 4))  # not a participant
    found = Statement.objects.about_or_after(contact, [caller.pk, callee.pk], days=2)
    assert set(found) == {next_day, about}


def test_statement_needs_a_speaker_or_a_description(db):
    with pytest.raises(IntegrityError):
        StatementFactory(speaker=None, speaker_description="")


def test_unnamed_speaker_is_accepted(db):
    statement = StatementFactory(speaker=None, speaker_description="a senior US official")
    assert statement.speaker_label == "a senior US official"


def test_excerpt_matches_despite_typographic_quotes_and_whitespace(db):
    source = SourceFactory(text="He said:  “We knew it was\nimminent.”")
    citation = Citation(
        source=source, excerpt='He said: "We knew it was imminent."', contact=ContactFactory()
    )
    assert citation.verification_error() is None
    assert citation.full_clean() is None  # raises ValidationError when the excerpt is not found


def test_excerpt_missing_from_the_source_is_refused_with_the_source_title(db):
    source = SourceFactory(title="Soleimani killing: US reaches out to allies")
    citation = Citation(source=source, excerpt="Words never written", contact=ContactFactory())
    with pytest.raises(ValidationError, match="not found in the text of 'Soleimani killing"):
        citation.full_clean()


def test_empty_excerpt_is_refused(db):
    citation = Citation(source=SourceFactory(), excerpt="   ", contact=ContactFactory())
    with pytest.raises(ValidationError):
        citation.full_clean()


def test_citation_backs_exactly_one_record(db):
    with pytest.raises(IntegrityError):
        CitationFactory(contact=ContactFactory(), statement=StatementFactory())


def test_citation_must_back_some_record(db):
    with pytest.raises(IntegrityError):
        CitationFactory()


def test_same_excerpt_cannot_cite_the_same_contact_twice(pair):
    caller, callee, contact = pair
    existing = contact.citations.get()
    with pytest.raises(IntegrityError):
        CitationFactory(contact=contact, source=existing.source, excerpt=existing.excerpt)


def test_a_contact_reported_twice_is_one_contact_with_two_citations(pair):
    caller, callee, contact = pair
    CitationFactory(contact=contact, source=SourceFactory())
    assert Contact.objects.count() == 1
    assert contact.citations.count() == 2
    assert contact.citations.values("source").distinct().count() == 2


def test_citation_natural_key_round_trips(pair):
    caller, callee, contact = pair
    citation = contact.citations.get()
    assert Citation.objects.get_by_natural_key(*citation.natural_key()) == citation


def test_verify_citations_command_fails_on_a_broken_excerpt(db):
    from django.core.management import CommandError, call_command

    contact = make_contact()
    Citation.objects.filter(contact=contact).update(excerpt="Not in the article")
    with pytest.raises(CommandError, match="1 of 1 citations do not verify"):
        call_command("verify_citations")
