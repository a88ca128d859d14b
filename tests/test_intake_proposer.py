"""What the proposer reads in a report: people, contacts, statements, dates; never writes."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contacts.models import Contact
from intake.proposer import propose
from tests.factories import (
    AliasFactory,
    CountryFactory,
    OfficeFactory,
    PersonFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
FRIDAY_AFTER = datetime.date(2020, 1, 4)  # a Saturday: "on Friday" is 3 January


@pytest.fixture
def known(db):
    us = CountryFactory(code="US", name="United States")
    pompeo = PersonFactory(name="Mike Pompeo", slug="mike-pompeo", country=us)
    AliasFactory(person=pompeo, name="Michael R. Pompeo")
    OfficeFactory(person=pompeo, title="Secretary of State", country=us)
    makei = PersonFactory(name="Vladimir Makei", slug="vladimir-makei")
    AliasFactory(person=makei, name="Владимир Макей")
    raab = PersonFactory(name="Dominic Raab", slug="dominic-raab")
    return {"pompeo": pompeo, "makei": makei, "raab": raab}


def contacts_in(text, published=FRIDAY_AFTER):
    return propose(text, published=published, language="en")["contacts"]


def people_of(contact):
    return [p["person"] or p["description"] for p in contact["participants"]]


def test_a_full_name_with_a_middle_initial_is_matched_through_an_alias(known):
    people = propose("Michael R. Pompeo spoke.", language="en")["people"]
    assert [(p["person"], p["confident"]) for p in people] == [("mike-pompeo", True)]


def test_a_russian_case_ending_is_matched_to_the_stored_name(known):
    people = propose("Помпео позвонил Владимиру Макею.", language="ru")["people"]
    assert "vladimir-makei" in [p["person"] for p in people]


def test_a_latin_spelling_is_matched_to_a_name_stored_only_in_cyrillic(db):
    person = PersonFactory(name="Владимир Макей", slug="makei")
    people = propose("Pompeo called Vladimir Makei.", language="en")["people"]
    assert person.slug in [p["person"] for p in people]


def test_a_near_spelling_is_offered_to_the_editor_not_matched_silently(known):
    people = propose("Dominik Raabe spoke to reporters.", language="en")["people"]
    raab = next(p for p in people if p["name"].startswith("Dominik"))
    assert not raab["confident"]
    assert "dominic-raab" in {raab["person"]} | {c["slug"] for c in raab["candidates"]}


def test_an_unknown_person_is_proposed_with_the_office_and_country_the_report_gives(known):
    text = "Pompeo spoke with German Federal Minister for Foreign Affairs Heiko Maas today."
    maas = next(p for p in propose(text, language="en")["people"] if p["name"] == "Heiko Maas")
    assert maas["person"] is None
    assert maas["new"] == {
        "name": "Heiko Maas",
        "title": "Federal Minister for Foreign Affairs",
        "country": "DE",
    }


def test_x_called_y_names_x_as_initiator_of_a_phone_call(known):
    [contact] = contacts_in("Mike Pompeo called Dominic Raab on Friday.")
    assert contact["kind"] == "phone_call"
    assert contact["initiator"]["person"] == "mike-pompeo"
    assert (contact["date_start"], contact["date_as_written"]) == ("2020-01-03", "on Friday")


def test_receiving_a_call_from_x_names_x_as_initiator(known):
    [contact] = contacts_in("Dominic Raab received a phone call from Mike Pompeo yesterday.")
    assert contact["initiator"]["person"] == "mike-pompeo"
    assert contact["date_start"] == "2020-01-03"


def test_spoke_with_leaves_the_initiator_unknown(known):
    [contact] = contacts_in("Secretary Pompeo spoke with Dominic Raab today.")
    assert contact["initiator"] is None
    assert contact["kind"] == "talks" and contact["date_start"] == "2020-01-04"


def test_counterparts_in_three_countries_give_three_unnamed_contacts(known):
    text = "Mike Pompeo called counterparts in France, the U.K. and Russia on Friday."
    contacts = contacts_in(text)
    assert sorted(c["participants"][1]["country"] for c in contacts) == ["FR", "GB", "RU"]
    assert all(c["participants"][0]["person"] == "mike-pompeo" for c in contacts)
    assert contacts[0]["participants"][1]["description"] == "French foreign minister"


def test_a_planned_meeting_is_not_a_contact(known):
    assert contacts_in("Mike Pompeo will meet Dominic Raab next week.") == []


def test_a_relative_date_without_a_report_date_is_left_unknown(known):
    [contact] = contacts_in("Mike Pompeo met Dominic Raab on Friday.", published=None)
    assert (contact["date_start"], contact["date_as_written"]) == (None, "on Friday")


def test_a_quote_is_attributed_to_the_speaker_with_medium_and_outlet(known):
    text = "“We knew it was imminent,” Mike Pompeo told CNN on Friday."
    [statement] = propose(text, published=FRIDAY_AFTER, language="en")["statements"]
    assert statement["speaker"]["person"] == "mike-pompeo"
    assert (statement["text"], statement["verbatim"]) == ("We knew it was imminent,", True)
    assert (statement["medium"], statement["outlet"]) == ("tv_interview", "CNN")


def test_a_pronoun_speaker_is_the_last_person_named_as_a_subject(known):
    text = (
        "Mike Pompeo met Dominic Raab in London. "
        "“The alliance is strong and will stay strong,” he said in a tweet."
    )
    statement = propose(text, language="en")["statements"][-1]
    assert statement["speaker"]["person"] == "mike-pompeo"
    assert statement["medium"] == "tweet"


def test_an_unnamed_official_is_kept_as_an_unnamed_speaker(known):
    text = "“The strike was necessary and lawful,” a senior State Department official said."
    [statement] = propose(text, language="en")["statements"]
    assert statement["speaker"]["person"] is None
    assert statement["speaker"]["description"] == "a senior State Department official"


def test_reported_speech_is_a_paraphrase(known):
    text = "Mike Pompeo said that the United States remained committed to de-escalation."
    [statement] = propose(text, language="en")["statements"]
    assert statement["verbatim"] is False
    assert statement["text"] == "that the United States remained committed to de-escalation"


def test_a_contact_already_stored_is_proposed_as_a_new_citation(known):
    stored = make_contact(known["pompeo"], known["raab"], date_start=datetime.date(2020, 1, 3))
    [contact] = contacts_in("Mike Pompeo called Dominic Raab on Friday.")
    assert contact["existing_contact"] == stored.pk


def test_a_statement_already_stored_is_proposed_as_a_new_citation(known):
    stored = StatementFactory(speaker=known["pompeo"], text="We knew it was imminent")
    text = "“We knew it was imminent,” Mike Pompeo said."
    [statement] = propose(text, language="en")["statements"]
    assert statement["existing_statement"] == stored.pk


def test_every_excerpt_is_verbatim_and_nothing_is_written(known):
    text = (
        "Secretary of State Michael R. Pompeo called  British Foreign Secretary Dominic Raab\n"
        "on Friday. “We talked,” Raab said."
    )
    before = Contact.objects.count()
    result = propose(text, published=FRIDAY_AFTER, language="en")
    items = result["people"] + result["contacts"] + result["statements"]
    assert items and all(text[i["start"] : i["end"]] == i["excerpt"] for i in items)
    assert Contact.objects.count() == before


def test_an_unsupported_language_gets_sentences_and_a_note_but_no_automatic_records(known):
    result = propose("Помпео позвонил Макею. Они обсудили отношения.", language="ru")
    assert len(result["sentences"]) == 2 and result["contacts"] == []
    assert "No automatic contact or statement proposals for language 'ru'" in result["notes"][0]


def test_dates_are_resolved_in_german_against_the_report_date(known):
    result = propose(
        "Maas telefonierte am Sonntag mit Pompeo.",
        published=datetime.date(2020, 8, 10),
        language="de",
    )
    assert result["sentence_dates"]["0"] == {"date": "2020-08-09", "words": "Sonntag"}


def test_propose_command_prints_the_documented_shape(known, tmp_path, capsys):
    path = tmp_path / "readout.txt"
    text = "Mike Pompeo called Dominic Raab on Friday. Raab said he welcomed the call."
    path.write_text(text, encoding="utf-8")
    call_command("propose", str(path), "--published", "2020-01-04", "--json")
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"source", "people", "contacts", "statements"}
    assert result["source"] == {
        "title": result["source"]["title"],
        "published": "2020-01-04",
        "language": "en",
    }
    contact = result["contacts"][0]
    assert set(contact) >= {
        "kind",
        "date_start",
        "date_end",
        "date_as_written",
        "participants",
        "initiator",
        "location",
        "excerpt",
        "existing_contact",
    }
    statement = result["statements"][-1]  # "Raab said …"
    assert set(statement) >= {"speaker", "text", "existing_statement", "about_contact"}
    assert statement["about_contact"] == contact["id"]


def test_propose_command_refuses_an_unreadable_file_with_a_message(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02 not text")
    with pytest.raises(CommandError, match="not text"):
        call_command("propose", str(path), "--json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("propose", str(tmp_path / "missing.txt"), "--json")


def test_an_unnamed_counterpart_is_the_office_holder_the_report_names(known):
    russia = CountryFactory(code="RU", name="Russia")
    lavrov = PersonFactory(name="Sergei Lavrov", slug="sergei-lavrov", country=russia)
    OfficeFactory(person=lavrov, title="Foreign Minister", country=russia)
    text = "Mike Pompeo called his Russian counterpart on Friday. Sergei Lavrov said little."
    [contact] = contacts_in(text)
    assert people_of(contact) == ["mike-pompeo", "sergei-lavrov"]


def test_a_sentence_without_a_date_takes_the_earlier_one_and_says_so(known):
    text = "Mike Pompeo called Dominic Raab on Friday. Later Pompeo spoke with Vladimir Makei."
    first, second = contacts_in(text)
    assert (second["date_start"], second["date_as_written"]) == ("2020-01-03", "")
    assert "on Friday" in second["date_note"] and not second["confident"]
    assert first["confident"] and first["date_note"] == ""


def test_the_place_of_a_meeting_is_its_location(known):
    [contact] = contacts_in("Mike Pompeo met Dominic Raab in London on Friday.")
    assert (contact["kind"], contact["location"]) == ("meeting", "London")


def test_at_the_initiative_of_x_names_x_as_initiator(known):
    text = "Dominic Raab spoke with Mike Pompeo on Friday at the initiative of Mike Pompeo."
    [contact] = contacts_in(text)
    assert contact["initiator"]["person"] == "mike-pompeo"


def test_according_to_x_makes_x_the_speaker(known):
    text = "The strike was “a defensive action to save American lives,” according to Mike Pompeo."
    [statement] = propose(text, language="en")["statements"]
    assert statement["speaker"]["person"] == "mike-pompeo"


def test_a_quote_running_over_several_sentences_is_one_statement(known):
    text = (
        "“We knew it was imminent. This was an intelligence-based assessment,” "
        "Mike Pompeo said on Friday."
    )
    [statement] = propose(text, published=FRIDAY_AFTER, language="en")["statements"]
    assert statement["text"].startswith("We knew it was imminent. This was")
    assert statement["excerpt"] == text and statement["date_start"] == "2020-01-03"


def test_a_title_names_the_person_written_with_it_or_stays_unnamed(known):
    text = (
        "Mike Pompeo, Secretary of State, met Dominic Raab. "
        "The Secretary said that the alliance was strong. "
        "The Prime Minister said that the talks were useful."
    )
    first, second = propose(text, language="en")["statements"]
    assert first["speaker"]["person"] == "mike-pompeo"
    assert (second["speaker"]["person"], second["speaker"]["description"]) == (
        None,
        "The Prime Minister",
    )


def test_a_month_without_a_day_is_the_latest_such_month_before_the_report(known):
    text = "Mike Pompeo and Dominic Raab held a phone conversation in mid-November."
    [contact] = contacts_in(text, published=datetime.date(2021, 1, 28))
    assert (contact["date_start"], contact["date_end"]) == ("2020-11-01", "2020-11-30")
    assert contact["kind"] == "phone_call" and contact["date_as_written"] == "in mid-November"


def test_a_surname_alone_is_the_new_person_named_in_full_before(db):
    text = "President Joe Biden spoke. Later Biden said that the talks went well."
    result = propose(text, language="en")
    [biden] = [p for p in result["people"] if p["new"]]
    assert biden["name"] == "Joe Biden"
    statement = result["statements"][-1]  # "Later Biden said …"
    assert (statement["speaker"]["name"], statement["speaker"]["proposal"]) == (
        "Biden",
        biden["id"],
    )


def test_a_name_in_a_russian_list_is_written_without_the_conjunction(known):
    people = propose("Лавров и Макей обсудили ситуацию.", language="ru")["people"]
    assert [p["name"] for p in people if p["person"] == "vladimir-makei"] == ["Макей"]


def test_the_title_skips_an_exchange_rate_ticker():
    from intake.reading import first_line

    text = "AZN = 54.42 RUB\nНовости дня\nЛавров и Помпео обсудили пандемию коронавируса\n"
    assert first_line(text) == "Лавров и Помпео обсудили пандемию коронавируса"
