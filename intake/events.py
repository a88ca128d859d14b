"""Contacts and statements an English report describes, as proposals (see proposer.py)."""

import datetime

from contacts.models import Contact, Country, OfficeHolding, Person, Statement
from contacts.text import normalize_text

from .contacts import participant, read_contacts
from .dates import resolve
from .parse import Sentence
from .statements import medium_and_outlet, quotes, reported, speaker_of
from .titles import TITLE_WORDS, role_of

HEADLINE_LINES = 4
NEARBY_DAYS = 3


SUBJECTS = {"nsubj", "nsubjpass"}


class Salience:
    """Resolves "he" and "she" to the last person named as the subject of a clause before
    them (falling back to the last person named): the speaker of a readout, not the last
    name in a list of objects."""

    def __init__(self, text, mentions):
        self.text = text
        self.mentions = mentions
        self.subjects = []

    def note_subjects(self, sentence):
        for mention in sentence.mentions:
            token = sentence.token_at(mention)
            while token.dep_ in ("compound", "appos", "flat", "conj") and token.head != token:
                token = token.head
            if token.dep_ in SUBJECTS:
                self.subjects.append(mention)

    def titled(self, title, position, fallback=True):
        """The last person named with `title` just before the name, before `position`
        ("Prime Minister Modi", "spokesman Anurag Srivastava")."""
        for mention in sorted(self.mentions, key=lambda m: -m["start"]):
            if mention["start"] < position and title in self.titles_of(mention):
                return mention
        return self(position) if fallback else None

    def titles_of(self, mention):
        """The title words written with a name: just before it ("Prime Minister Narendra
        Modi") or in apposition after it ("Mike Pompeo, Secretary of State")."""
        before = self.text[max(0, mention["start"] - 60) : mention["start"]].split()
        after = self.text[mention["end"] : mention["end"] + 60]
        after = after[1:].split() if after.startswith(",") else []
        return title_run(reversed(before)) + title_run(after)

    def __call__(self, position):
        for pool in (self.subjects, self.mentions):
            earlier = [m for m in pool if m["start"] < position]
            if earlier:
                return max(earlier, key=lambda m: m["start"])
        return None


def lead_roles(mentions):
    """{slug: role label} of each named person's latest office, for unnamed counterparts."""
    slugs = {m["person"] for m in mentions if m["person"]}
    roles = {}
    offices = OfficeHolding.objects.filter(person__slug__in=slugs).select_related("person")
    for office in offices.order_by("start_date"):
        roles[office.person.slug] = office.get_role_display().lower()
    return roles


def last_day(date):
    """ISO last day of a proposed date: the month's end for a month given without a day."""
    if not date:
        return None
    return getattr(date, "last", date).isoformat()


def title_run(words):
    """Title words from the start of `words` (capitalised or title words), lowercased."""
    run = []
    for word in words:
        bare = word.strip(",.;:()").lower()
        if not (word[:1].isupper() or bare in TITLE_WORDS):
            break
        run.append(bare)
        if word.endswith((",", ".")):
            break
    return run


def note_context_dates(sentences, published):
    """A sentence without date words takes the last date an earlier sentence gave ("Pompeo
    called Raab on Friday. He also spoke with Maas."); such proposals are not confident and
    say where their date came from."""
    previous = None
    for sentence in sentences:
        if previous is not None:
            date, words = resolve(previous.span.text, published)
            sentence.context_date = (date, words) if date else previous.context_date
        previous = sentence


def excerpt_of(text, start, end):
    return {"excerpt": text[start:end], "start": start, "end": end}


def propose_events(text, lines, published, mentions):
    resolver = Salience(text, mentions)
    sentences = [
        Sentence(span, offset, mentions, resolver) for offset, doc in lines for span in doc.sents
    ]
    for sentence in sentences:
        resolver.note_subjects(sentence)
    note_context_dates(sentences, published)
    head = " ".join(doc.text.lower() for _, doc in lines[:HEADLINE_LINES])
    headline_says_call = " call" in head or "phone" in head
    roles = lead_roles(mentions)
    contacts = []
    for sentence in sentences:
        for kind, group, initiator, date, words, inherited, location in read_contacts(
            sentence, published, headline_says_call, roles
        ):
            members = [participant(m) if "start" in m else m for m in group]
            certain = bool(date) and not inherited
            contacts.append(
                {
                    "kind": str(kind),
                    "date_start": date.isoformat() if date else None,
                    "date_end": last_day(date),
                    "date_as_written": words,
                    "date_note": f"Date from an earlier sentence (“{inherited}”): check it."
                    if inherited
                    else "",
                    "participants": members,
                    "initiator": participant(initiator) if initiator else None,
                    "location": location,
                    "confident": certain and all(m["person"] or m["country"] for m in members),
                    **excerpt_of(text, sentence.start, sentence.end),
                }
            )
    statements = quoted_statements(text, sentences, published, resolver)
    quoted = [(s["start"], s["end"]) for s in statements]
    for sentence in sentences:
        if any(start < sentence.end and sentence.start < end for start, end in quoted):
            continue
        speaker, description, clause = reported(sentence, resolver)
        if speaker or description:
            statements.append(
                statement(text, [sentence], speaker, description, clause, False, published)
            )
    statements.sort(key=lambda s: s["start"])
    name_counterparts(contacts, mentions, published)
    contacts = drop_repeats(contacts)
    link_existing(contacts, statements, published)
    for number, item in enumerate(contacts, 1):
        item["id"] = f"c{number}"
    for number, item in enumerate(statements, 1):
        item["id"] = f"s{number}"
    return contacts, statements


def quoted_statements(text, sentences, published, resolver):
    found = []
    for start, end, words in quotes(text):
        inside = [s for s in sentences if s.end > start - 1 and s.start < end + 1]
        if not inside:
            continue
        following = [s for s in sentences if s.start >= inside[-1].end][:1]
        speaker, description = speaker_of(inside, resolver)
        if speaker is None and not description:
            speaker, description = speaker_of(following, resolver)
        if speaker is None and not description:
            continue
        found.append(statement(text, inside, speaker, description, words, True, published))
    return found


def statement(text, sentences, speaker, description, words, verbatim, published):
    start, end = sentences[0].start, sentences[-1].end
    date, written = resolve(text[start:end], published)
    note = ""
    if not written and sentences[0].context_date:
        date, earlier = sentences[0].context_date
        note = f"Date from an earlier sentence (“{earlier}”): check it."
    elif not written and published:
        date, note = published, "The report's date: the report does not say when. Check it."
    medium, outlet = medium_and_outlet(text[start:end])
    who = (
        {
            "name": speaker["name"],
            "person": speaker["person"],
            "description": "",
            "proposal": speaker["id"],
        }
        if speaker
        else {"name": description, "person": None, "description": description}
    )
    return {
        "speaker": who,
        "text": words.strip(),
        "verbatim": verbatim,
        "medium": str(medium),
        "outlet": outlet,
        "date_start": date.isoformat() if date else None,
        "date_end": last_day(date),
        "date_as_written": written,
        "date_note": note,
        "confident": bool(speaker and speaker["person"] and date and not note),
        "existing_statement": None,
        **excerpt_of(text, start, end),
    }


def name_counterparts(contacts, mentions, published):
    """An unnamed counterpart ("his Russian counterpart") is the person who held that office
    for that country on the day, when the report names that person elsewhere."""
    named = {m["person"] for m in mentions if m["person"]}
    for item in contacts:
        day = item["date_start"] and datetime.date.fromisoformat(item["date_start"])
        taking_part = {m["person"] for m in item["participants"]}
        for index, member in enumerate(item["participants"]):
            country = (
                member.get("country") and Country.objects.filter(code=member["country"]).first()
            )
            if member["person"] or not country:
                continue
            holders = OfficeHolding.objects.holders_of(
                role_of(member["description"]),
                country=country,
                on=day or published or datetime.date.today(),
            )
            people = {
                o.person.slug: o.person
                for o in holders
                if o.person.slug in named and o.person.slug not in taking_part
            }
            if len(people) == 1:
                person = next(iter(people.values()))
                item["participants"][index] = {
                    "name": member["name"],
                    "person": person.slug,
                    "description": "",
                    "country": member["country"],
                }


def drop_repeats(contacts):
    """One proposal per contact a report describes twice in one sentence."""
    seen, kept = set(), []
    for item in contacts:
        key = (
            item["start"],
            tuple(sorted(str(p["person"] or p["description"]) for p in item["participants"])),
        )
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def link_existing(contacts, statements, published):
    """Proposals that match stored records become citations of them."""
    for item in contacts:
        slugs = {m["person"] for m in item["participants"] if m["person"]}
        item["existing_contact"] = None
        if len(slugs) < 2:
            continue
        day = item["date_start"] and datetime.date.fromisoformat(item["date_start"])
        day = day or published
        stored = Contact.objects.all()
        for slug in slugs:
            stored = stored.filter(participants__person__slug=slug)
        if day:
            near = datetime.timedelta(days=NEARBY_DAYS if not item["date_start"] else 0)
            stored = stored.between(day - near, day + near)
        compatible = [
            c for c in stored[:5] if c.kind == item["kind"] or "talks" in (c.kind, item["kind"])
        ]
        if compatible:
            item["existing_contact"] = compatible[0].pk
    people = {
        p.slug: p.pk
        for p in Person.objects.filter(
            slug__in={s["speaker"]["person"] for s in statements if s["speaker"]["person"]}
        )
    }
    for item in statements:
        pk = people.get(item["speaker"]["person"])
        if pk is None:
            continue
        words = normalize_text(item["text"])
        for stored in Statement.objects.filter(speaker_id=pk).only("pk", "text")[:200]:
            if words and (
                words in normalize_text(stored.text) or normalize_text(stored.text) in words
            ):
                item["existing_statement"] = stored.pk
                break
