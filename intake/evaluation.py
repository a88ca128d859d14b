"""Score the proposer against hand-made gold: the seed fixtures and ../shared/intake-dev/.

Contacts match when their participants are the same people (names compared by
people.match_key, so "Michael R. Pompeo" is "Mike Pompeo"; unnamed counterparts by their
country) and their dates agree (both unknown, the same day, or the gold month holds the
proposed day). Statements match when the speaker is the same and one excerpt contains the
other. Each gold item is matched at most once.
"""

import datetime
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from contacts.models import Contact, Source, Statement

from .people import match_key
from .proposer import propose
from .titles import COUNTRIES

DEV_SET = Path(settings.BASE_DIR).parent / "shared" / "intake-dev" / "intake-dev.json"


@dataclass
class Gold:
    name: str
    text: str
    published: datetime.date | None
    language: str
    contacts: list = field(default_factory=list)  # (participants set, initiator, kind, date)
    statements: list = field(default_factory=list)  # (speaker keys, excerpt)


def unnamed_key(description):
    words = description.lower().replace("unnamed", "").split()
    for size in (2, 1):
        for index in range(len(words)):
            phrase = " ".join(words[index : index + size])
            if phrase in COUNTRIES:
                return f"unnamed:{COUNTRIES[phrase][0]}"
    return f"unnamed:{description.lower()}"


def speaker_keys(speaker):
    return {match_key(part) for part in speaker.replace(" and ", ",").split(",") if part.strip()}


SEED_SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources.json"


def seed_gold():
    slugs = [r["fields"]["slug"] for r in json.loads(SEED_SOURCES.read_text(encoding="utf-8"))]
    for source in Source.objects.filter(slug__in=slugs).order_by("slug"):
        gold = Gold(source.slug, source.text, source.published_date or source.reported_date, "en")
        for contact in Contact.objects.filter(citations__source=source).distinct():
            people = set()
            initiator = None
            for p in contact.participants.select_related("person", "country"):
                key = match_key(p.person.name) if p.person else f"unnamed:{p.country.code}"
                people.add(key)
                initiator = key if p.is_initiator else initiator
            if contact.initiator_certainty != "stated":
                initiator = None
            gold.contacts.append((people, initiator, contact.kind, contact.date_start.isoformat()))
        for statement in Statement.objects.filter(citations__source=source).distinct():
            who = statement.speaker.name if statement.speaker else statement.speaker_description
            for citation in statement.citations.filter(source=source):
                gold.statements.append((speaker_keys(who), citation.excerpt))
        yield gold


def dev_gold(path=DEV_SET):
    for doc in json.loads(Path(path).read_text(encoding="utf-8"))["documents"]:
        published = doc["published"]
        published = (
            datetime.date.fromisoformat(published) if published and len(published) == 10 else None
        )
        gold = Gold(doc["id"], doc["text"], published, doc["language"])
        for c in doc["contacts"]:
            people = {
                unnamed_key(p) if p.startswith("unnamed") else match_key(p)
                for p in c["participants"]
            }
            initiator = match_key(c["initiator"]) if c["initiator"] else None
            gold.contacts.append((people, initiator, c["kind"], c["date"]))
        for s in doc["statements"]:
            gold.statements.append((speaker_keys(s["speaker"]), s["excerpt"]))
        yield gold


def same_name(a, b):
    """Keys of one person: equal, or the same surname with one first name missing or
    abbreviated ("S Jaishankar", "Jaishankar", "Subrahmanyam Jaishankar")."""
    if a == b:
        return True
    first_a, _, last_a = a.rpartition(" ")
    first_b, _, last_b = b.rpartition(" ")
    if last_a != last_b or a.startswith("unnamed:"):
        return False
    return not first_a or not first_b or first_a[0] == first_b[0]


def same_people(proposed, gold):
    remaining = list(gold)
    for key in proposed:
        match = next((g for g in remaining if same_name(key, g)), None)
        if match is None:
            return False
        remaining.remove(match)
    return not remaining


def participant_key(p, names):
    if p["person"]:
        return match_key(names.get(p["person"], p["name"]))
    return f"unnamed:{p['country']}" if p.get("country") else match_key(p["name"])


def dates_agree(proposed, gold):
    if gold is None or proposed is None:
        return gold is None and proposed is None
    return proposed.startswith(gold) if len(gold) == 7 else proposed[:10] == gold


@dataclass
class Score:
    name: str
    language: str = ""
    gold_contacts: int = 0
    proposed_contacts: int = 0
    matched_contacts: int = 0
    stated_initiators: int = 0
    right_initiators: int = 0
    right_kinds: int = 0
    gold_statements: int = 0
    proposed_statements: int = 0
    excerpt_matches: int = 0
    matched_statements: int = 0
    not_verbatim: int = 0
    seconds: float = 0.0


def score(gold, names):
    started = time.perf_counter()
    result = propose(gold.text, published=gold.published, language=gold.language)
    s = Score(gold.name, gold.language, seconds=time.perf_counter() - started)
    items = result["contacts"] + result["statements"] + result["people"]
    s.not_verbatim = sum(1 for i in items if gold.text[i["start"] : i["end"]] != i["excerpt"])
    s.gold_contacts, s.proposed_contacts = len(gold.contacts), len(result["contacts"])
    unmatched = list(gold.contacts)
    for c in result["contacts"]:
        people = {participant_key(p, names) for p in c["participants"]}
        hit = next(
            (
                g
                for g in unmatched
                if same_people(people, g[0]) and dates_agree(c["date_start"], g[3])
            ),
            None,
        )
        if hit is None:
            continue
        unmatched.remove(hit)
        s.matched_contacts += 1
        s.right_kinds += c["kind"] == hit[2]
        if hit[1]:
            s.stated_initiators += 1
            s.right_initiators += bool(c["initiator"]) and same_name(
                participant_key(c["initiator"], names), hit[1]
            )
    s.gold_statements, s.proposed_statements = len(gold.statements), len(result["statements"])
    unmatched = list(gold.statements)
    for st in result["statements"]:
        hit = next((g for g in unmatched if g[1] in st["excerpt"] or st["excerpt"] in g[1]), None)
        if hit is None:
            continue
        unmatched.remove(hit)
        s.excerpt_matches += 1
        speaker = participant_key(st["speaker"], names)
        s.matched_statements += any(same_name(speaker, g) for g in hit[0])
    return s
