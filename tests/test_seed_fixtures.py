"""The seed fixtures: what the five articles report, each record traceable to its sentence."""

import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from contacts.integrity import failing_citations
from contacts.models import (
    Citation,
    Contact,
    OfficeHolding,
    Person,
    PersonAlias,
    Source,
    Statement,
)
from contacts.models.dates import resolve_weekday
from contacts.text import name_key, normalize_text

pytestmark = pytest.mark.django_db

ARTICLES = Path(settings.BASE_DIR).parent / "shared" / "articles"
# Separately quoted parts of one remark are joined with this in Statement.text.
QUOTE_JOIN = " \u2026 "
# The Sunday after the strike: weekdays in the articles fall in the week before it.
SUNDAY_AFTER_STRIKE = datetime.date(2020, 1, 5)


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("contacts").get_models()
    }


def dated_records():
    return [*Contact.objects.all(), *Statement.objects.all()]


def test_every_excerpt_verifies_against_its_source(seeded):
    call_command("verify_citations", verbosity=0)
    assert list(failing_citations()) == []


def test_every_contact_has_two_participants_and_a_citation(seeded):
    for contact in Contact.objects.all():
        assert contact.participants.count() >= 2, contact.key
        assert contact.citations.exists(), contact.key


def test_every_statement_and_office_cites_a_source(seeded):
    assert not Statement.objects.filter(citations__isnull=True).exists()
    assert not OfficeHolding.objects.filter(citations__isnull=True).exists()


def test_a_contact_names_an_initiator_exactly_when_its_certainty_is_known(seeded):
    for contact in Contact.objects.all():
        initiators = contact.participants.filter(is_initiator=True).count()
        assert initiators == (0 if contact.initiator_certainty == "unknown" else 1), contact.key


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the shared articles are not on this machine")
def test_each_source_text_is_its_article_file_byte_for_byte(seeded):
    files = {path.name[:3]: path for path in ARTICLES.glob("*.txt")}
    assert Source.objects.count() == len(files)
    for source in Source.objects.all():
        assert source.text.encode("utf-8") == files[source.slug[:3]].read_bytes(), source.slug


def test_outlets_and_dates_are_only_those_the_pages_support(seeded):
    sources = {source.slug[:3]: source for source in Source.objects.select_related("outlet")}
    assert {number: str(s.outlet) if s.outlet else None for number, s in sources.items()} == {
        "000": None,
        "001": None,
        "002": "Bloomberg News",
        "003": None,
        "004": "WION",
    }
    assert sources["002"].published_date == datetime.date(2020, 1, 5)
    assert sources["004"].published_date == datetime.date(2020, 1, 4)
    # 001's "15 January 2021" stamp and 003's empty stamps are page furniture, not dates.
    assert sources["001"].published_date is None
    assert "15 January 2021" in sources["001"].notes
    assert sources["003"].published_date is None


def test_the_december_3_caption_is_explained_in_a_citation_note(seeded):
    caption = Citation.objects.get(
        source__slug__startswith="000", excerpt__contains="on December 3"
    )
    assert "December 3" in caption.note
    assert "3 January 2020" in caption.note


def test_nothing_dated_december_2019_claims_to_be_the_strike(seeded):
    strike = datetime.date(2020, 1, 2)  # late Thursday, US time
    assert not Contact.objects.filter(date_start=datetime.date(2019, 12, 3)).exists()
    assert not Statement.objects.filter(date_start=datetime.date(2019, 12, 3)).exists()
    for record in dated_records():
        if record.date_end < strike:
            words = getattr(record, "summary", None) or record.text
            assert "killed" not in words, record.key
    announcement = Statement.objects.get(speaker_description="US Defense Department")
    assert announcement.date_start == strike


def test_soleimanis_command_ends_on_the_day_of_the_strike(seeded):
    office = OfficeHolding.objects.get(person__slug="qassem-soleimani")
    assert office.end_date == datetime.date(2020, 1, 3)


def test_the_khomeini_slip_is_recorded_as_about_khamenei_with_a_note(seeded):
    citation = Citation.objects.get(excerpt__contains="Ayatollah Khomeini")
    statement = citation.statement
    assert statement.speaker.slug == "mike-pompeo"
    assert statement.date_start == datetime.date(2020, 1, 7)
    assert "Khamenei" in statement.text and "Khomeini" not in statement.text
    assert "Khomeini" in citation.note and "1989" in citation.note


def test_weekdays_resolve_to_the_week_of_the_strike(seeded):
    checked = 0
    for citation in Citation.objects.exclude(date_as_written="").filter(office__isnull=True):
        try:
            day = resolve_weekday(citation.date_as_written, SUNDAY_AFTER_STRIKE)
        except ValueError:
            continue  # no weekday named, e.g. "Earlier"
        record = citation.record
        assert record.date_start <= day <= record.date_end, (citation.date_as_written, record)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("variant", "slug"),
    [
        ("Michael R. Pompeo", "mike-pompeo"),
        ("michael pompeo", "mike-pompeo"),
        ("MIKE POMPEO", "mike-pompeo"),
        ("Qasem Soleimani", "qassem-soleimani"),
        ("Maj. Gen. Qasem Soleimani", "qassem-soleimani"),
        ("قاسم سلیمانی", "qassem-soleimani"),
        ("قاسم سليماني", "qassem-soleimani"),  # Arabic yeh for Persian yeh
        ("Qamar Bajwa", "qamar-javed-bajwa"),
        ("Mark T. Esper", "mark-esper"),
        ("Mark A. Milley", "mark-milley"),
        ("علی خامنه\u200cای", "ali-khamenei"),
        ("علی خامنهای", "ali-khamenei"),  # without the zero-width non-joiner
        ("حسن روحانی", "hassan-rouhani"),
        ("Francois-Philippe Champagne", "francois-philippe-champagne"),
        ("francois philippe champagne", "francois-philippe-champagne"),
        ("Amelie de Montchalin", "amelie-de-montchalin"),
        ("Ayatollah Khomeini", "ruhollah-khomeini"),
        ("President Trump", "donald-trump"),
    ],
)
def test_each_variant_spelling_resolves_to_its_person(seeded, variant, slug):
    assert Person.objects.resolve(variant).slug == slug


def test_no_alias_is_another_persons_name(seeded):
    for alias in PersonAlias.objects.select_related("person"):
        others = Person.objects.filter(name_key=alias.name_key).exclude(pk=alias.person_id)
        assert not others.exists(), alias.name
    assert name_key("Khomeini") != name_key("Khamenei")


def test_verbatim_statements_occur_in_one_of_their_citations(seeded):
    for statement in Statement.objects.filter(is_verbatim=True).prefetch_related("citations"):
        parts = [normalize_text(part) for part in statement.text.split(QUOTE_JOIN)]
        excerpts = [normalize_text(c.excerpt) for c in statement.citations.all()]
        assert any(all(part in excerpt for part in parts) for excerpt in excerpts), statement.key


def all_rows():
    return {
        model.__name__: serializers.serialize("json", model.objects.order_by("pk"))
        for model in apps.get_app_config("contacts").get_models()
    }


def test_loading_the_seed_twice_is_refused_and_changes_no_row(seeded):
    before = all_rows()
    with pytest.raises(CommandError, match=r"contacts.Country \('AF',\) already exists"):
        call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
    assert all_rows() == before


def _statement_fixture(key, speaker, excerpt):
    return [
        {
            "model": "contacts.statement",
            "fields": {
                "key": key,
                "date_start": "2020-01-03",
                "date_precision": "day",
                "speaker": [speaker],
                "text": "A statement that is not in the articles.",
                "is_verbatim": False,
            },
        },
        {
            "model": "contacts.citation",
            "fields": {
                "source": ["000-pompeo-reiterates-commitment-to-de-escalation"],
                "excerpt": excerpt,
                "statement": [key],
            },
        },
    ]


BAD_FIXTURES = {
    "unknown person": json.dumps(
        _statement_fixture("bad-unknown-person", "no-such-person", "he told CNN on Friday")
    ),
    "excerpt not in source": json.dumps(
        _statement_fixture("bad-excerpt", "mike-pompeo", "Pompeo said the moon is made of cheese.")
    ),
    "broken JSON": '[{"model": "contacts.country", "fields": {"code": "ZZ", "name": ',
}


@pytest.mark.parametrize("problem", BAD_FIXTURES)
def test_a_malformed_fixture_is_refused_and_changes_nothing(seeded, tmp_path, problem):
    path = tmp_path / "bad.json"
    path.write_text(BAD_FIXTURES[problem], encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError):
        call_command("loaddata", str(path), verbosity=0)
    assert row_counts() == before
