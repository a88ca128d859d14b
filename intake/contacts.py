"""Contacts an English report describes, read off spaCy's dependency parse.

A contact is a verb (or a noun such as "call" or "talks") from a closed list, in a sentence
that reports it as having happened; its participants are the people in its subject and in
its object or "with" phrase. The initiator is named only when the report says who reached
out: the caller of "X called Y", the sender of "Y received a call from X", "at the
initiative of X". Announced, planned or invited meetings are left out.
"""

from contacts.models import ContactKind

from .dates import resolve
from .parse import with_conjuncts
from .titles import COUNTRIES, DEMONYMS, role_of


def role_label(title):
    role = role_of(title) if title else None
    return None if role in (None, "other") else role.label.lower()


VERBS = {
    "call": ContactKind.PHONE_CALL,
    "phone": ContactKind.PHONE_CALL,
    "telephone": ContactKind.PHONE_CALL,
    "dial": ContactKind.PHONE_CALL,
    "speak": ContactKind.TALKS,
    "talk": ContactKind.TALKS,
    "confer": ContactKind.TALKS,
    "meet": ContactKind.MEETING,
    "host": ContactKind.MEETING,
    "visit": ContactKind.VISIT,
    "receive": ContactKind.MEETING,
    "hold": ContactKind.TALKS,
    "have": ContactKind.TALKS,
    "discuss": ContactKind.TALKS,
}
NOUNS = {"call", "conversation", "talks", "talk", "meeting", "discussion", "phone", "telephone"}
NOUN_KINDS = {
    "call": ContactKind.PHONE_CALL,
    "phone": ContactKind.PHONE_CALL,
    "telephone": ContactKind.PHONE_CALL,
    "conversation": ContactKind.TALKS,
    "talk": ContactKind.TALKS,
    "talks": ContactKind.TALKS,
    "discussion": ContactKind.TALKS,
    "meeting": ContactKind.MEETING,
}
PLANNED_HEADS = set(
    "plan expect schedule agree invite hope want seek propose set prepare intend aim "
    "offer due likely postpone cancel announce".split()
)
PLANNED_ADJECTIVES = set("forthcoming upcoming planned proposed future next possible".split())
PLANNED_AUX = {"will", "would", "shall", "should", "could", "may", "might", "must"}
CALLING = {"call", "phone", "telephone", "dial", "ring"}
SPLIT_KINDS = {ContactKind.PHONE_CALL, ContactKind.TALKS, ContactKind.VIDEO_CALL}
COUNTERPARTS = {"counterpart", "counterparts"}


def is_planned(verb):
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    if any(c.dep_ == "amod" and c.lower_ in PLANNED_ADJECTIVES for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in verb.children):
        return True
    head = verb
    while head.dep_ in ("xcomp", "ccomp", "advcl", "acl") and head.head is not head:
        head = head.head
        if head.lemma_ in PLANNED_HEADS:
            return True
    return verb.lemma_ in PLANNED_HEADS


def country_words(tokens):
    return [w.text for t in tokens for w in t.subtree if w.lower_ in COUNTRIES]


def unnamed_counterparts(trigger, tokens, lead):
    """Participants for "his French counterpart" / "counterparts in France, the U.K.": one
    per country, described by the lead participant's role."""
    found = []
    places = [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for token in tokens:
        for word in token.subtree:
            if word.lower_ not in COUNTERPARTS:
                continue
            countries = country_words([word]) or country_words(places)
            role = lead.get("role") or "counterpart"
            for written in dict.fromkeys(countries):
                code, _ = COUNTRIES[written.lower()]
                found.append(
                    {
                        "name": word.doc[word.left_edge.i : word.right_edge.i + 1].text[:200],
                        "person": None,
                        "description": f"{demonym(code)} {role}".strip(),
                        "country": code,
                    }
                )
    return found


def demonym(code):
    return DEMONYMS.get(code, code)


def participant(mention):
    return {
        "name": mention["name"],
        "person": mention["person"],
        "description": "",
        "country": None,
        "proposal": mention["id"],
    }


def objects_of(verb):
    """The tokens naming whom a contact verb or noun was with."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "upon"):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lower_ in ("whom", "which", "who") and verb.dep_ == "relcl":
                    found += referents(verb.head)
                else:
                    found.append(pobj)
    return [t for o in found for t in with_conjuncts(o)]


def referents(noun):
    """ "The leaders with whom X talked include A and B": A and B."""
    verb = noun.head
    if noun.dep_ == "nsubj" and verb.lemma_ in ("include", "be"):
        return [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    return [noun]


def subject_of(trigger):
    """Who took part on the trigger's own side: its subject, or the subject of the clause a
    contact noun stands in ("He discussed it in calls with A" gives "He")."""
    token = trigger
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "poss")]
        if subjects:
            return [t for s in subjects for t in with_conjuncts(s)]
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("PROPN", "NOUN"):
            return [token.head]
        if token.head == token:
            break
        token = token.head
    return []


PLACES = {"GPE", "FAC", "LOC"}


def location_of(trigger):
    """Where a contact took place: "met in London", "at Downing Street", "visited Baghdad"."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    candidates = [
        pobj
        for head in heads
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    if trigger.lemma_ == "visit":
        candidates += [c for c in trigger.children if c.dep_ == "dobj"]
    for token in candidates:
        if token.ent_type_ in PLACES:
            words = [w for w in token.subtree if w.ent_type_ in PLACES or w == token]
            return trigger.doc[words[0].i : words[-1].i + 1].text
    return ""


def initiator_of(sentence, trigger, kind, subjects):
    if trigger.lemma_ == "receive":
        senders = [
            g
            for o in trigger.children
            if o.dep_ == "dobj"
            for c in o.children
            if c.lower_ == "from"
            for g in c.children
        ]
        found = sentence.people_in(senders)
        return found[0] if found else None
    asked = [  # "at the initiative of X", "at the request of X", "at X's request"
        child
        for token in sentence.span
        if token.lemma_ in ("initiative", "request", "invitation") and token.head.lower_ == "at"
        for child in token.children
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of")
    ]
    people = sentence.people_in(
        [g for a in asked for g in ([a] if a.dep_ == "poss" else a.children)]
    )
    if people:
        return people[0]
    if trigger.lemma_ in CALLING and trigger.pos_ == "VERB" and subjects:
        return subjects[0]
    return None


def read_contacts(sentence, published, headline_says_call, roles):
    """Contacts in one sentence: (kind, participants, initiator, date, date words, date words
    of an earlier sentence when this one gives none)."""
    found, seen = [], set()
    for trigger in sentence.span:
        kind = contact_kind(trigger)
        if kind is None or is_planned(trigger):
            continue
        subjects = sentence.people_in(subject_of(trigger))
        others = objects_of(trigger)
        if trigger.lemma_ == "receive":
            others += [
                g
                for o in trigger.children
                if o.dep_ == "dobj"
                for c in o.children
                if c.lower_ == "from"
                for g in c.children
            ]
        other_people = [m for m in sentence.people_in(others) if m not in subjects]
        if not subjects and len(other_people) < 2:
            continue
        lead = subjects[0] if subjects else other_people.pop(0)
        initiator = initiator_of(sentence, trigger, kind, subjects)
        role = roles.get(lead["person"]) or role_label(lead.get("title", ""))
        unnamed = unnamed_counterparts(trigger, others, {"role": role})
        if kind == ContactKind.TALKS and headline_says_call:
            kind = ContactKind.PHONE_CALL
        if "video" in sentence.span.text.lower():
            kind = ContactKind.VIDEO_CALL
        sides = [m for m in subjects[1:] if m not in other_people] + other_people
        if kind in SPLIT_KINDS and not subjects[1:]:
            groups = [[lead, other] for other in sides] + [[lead, u] for u in unnamed]
        else:
            groups = [[lead, *sides, *unnamed]] if sides or unnamed else []
        date, words = resolve(sentence.span.text, published)
        inherited = ""
        if not words and sentence.context_date:
            date, inherited = sentence.context_date
        for group in groups:
            key = tuple(sorted(m.get("id") or m.get("description") for m in group))
            if len(group) < 2 or key in seen:
                continue
            seen.add(key)
            who = next((m for m in group if initiator and m.get("id") == initiator["id"]), None)
            found.append((kind, group, who, date, words, inherited, location_of(trigger)))
    return found


def contact_kind(token):
    if token.pos_ == "NOUN" and token.lemma_ in NOUN_KINDS:
        if not any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
            return None
        if any(c.lemma_ in ("phone", "telephone") for c in token.children):
            return ContactKind.PHONE_CALL
        return NOUN_KINDS[token.lemma_]
    if token.pos_ in ("VERB", "AUX") and token.lemma_ in VERBS:
        if token.lemma_ in ("hold", "have", "receive"):
            nouns = {c.lemma_ for c in token.children if c.dep_ == "dobj"}
            if not nouns & NOUNS:
                return None
            words = {w.lemma_ for c in token.children if c.dep_ == "dobj" for w in c.subtree}
            phoned = bool(words & {"call", "phone", "telephone"})
            if token.lemma_ == "receive":
                return ContactKind.PHONE_CALL if phoned else None
            return ContactKind.PHONE_CALL if phoned else NOUN_KINDS.get(min(nouns & NOUNS))
        if token.lemma_ == "discuss":
            has_with = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
            return ContactKind.TALKS if has_with else None
        return VERBS[token.lemma_]
    return None
