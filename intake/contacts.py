"""Contacts an English report describes, read off spaCy's dependency parse.

A contact is a verb (or a noun such as "call" or "talks") from a closed list, in a sentence
that reports it as having happened; its participants are the people in its subject and in
its object or "with" phrase. The initiator is named only when the report says who reached
out: the caller of "X called Y", the sender of "Y received a call from X", "at the
initiative of X". Announced, planned or invited meetings are left out.
"""

from contacts.models import ContactKind

from .dates import resolve
from .titles import COUNTRIES, DEMONYMS

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
PLANNED_HEADS = {
    "plan",
    "expect",
    "schedule",
    "agree",
    "invite",
    "hope",
    "want",
    "seek",
    "propose",
    "set",
    "prepare",
    "intend",
    "aim",
    "offer",
    "due",
    "likely",
    "postpone",
    "cancel",
    "announce",
}
PLANNED_AUX = {"will", "would", "shall", "should", "could", "may", "might", "must"}
PHONE_WORDS = {"call", "phone", "telephone", "phoned", "called", "calls", "calling"}
COUNTERPARTS = {"counterpart", "counterparts"}


def is_planned(verb):
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in PLANNED_AUX for c in verb.children):
        return True
    head = verb
    while head.dep_ in ("xcomp", "ccomp", "advcl", "acl") and head.head is not head:
        head = head.head
        if head.lemma_ in PLANNED_HEADS:
            return True
    return verb.lemma_ in PLANNED_HEADS


def with_conjuncts(token):
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found += with_conjuncts(child)
    return found


class Sentence:
    """One parsed sentence with the people mentioned in it."""

    def __init__(self, span, offset, mentions, resolver):
        self.span, self.offset = span, offset
        self.start = offset + span.start_char
        self.end = offset + span.end_char
        self.mentions = [m for m in mentions if self.start <= m["start"] < self.end]
        self.resolver = resolver

    def people_in(self, tokens):
        """Mentions inside the subtrees of `tokens` (pronouns resolved to the last person)."""
        found = []
        for token in tokens:
            subtree = list(token.subtree)
            start = self.offset + subtree[0].idx
            end = self.offset + subtree[-1].idx + len(subtree[-1])
            inside = [m for m in self.mentions if start <= m["start"] < end]
            if not inside and token.pos_ == "PRON" and token.lower_ in ("he", "she"):
                inside = [m for m in [self.resolver(self.start)] if m]
            found += [m for m in inside if m not in found]
        return found


def unnamed_counterparts(tokens, lead):
    """Participants for "his French counterpart" / "counterparts in France, the U.K.": one
    per country, described by the lead participant's role."""
    found = []
    for token in tokens:
        for word in token.subtree:
            if word.lower_ not in COUNTERPARTS:
                continue
            countries = [
                w.text for w in word.subtree if w.lower_ in COUNTRIES or w.text in ("U.K.", "U.S.")
            ]
            role = lead.get("role") or "counterpart"
            for written in dict.fromkeys(countries):
                code, _ = COUNTRIES[written.lower()]
                found.append(
                    {
                        "name": " ".join(w.text for w in word.subtree)[:200],
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


def read_contacts(sentence, published, headline_says_call, roles):
    """Contacts in one sentence: (kind, participants, initiator, date, words)."""
    found = []
    for verb in sentence.span:
        kind = contact_kind(verb)
        if kind is None or is_planned(verb):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        withs = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("with", "to", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        initiator = None
        subject_people = sentence.people_in([t for s in subjects for t in with_conjuncts(s)])
        other_people = sentence.people_in([t for o in objects + withs for t in with_conjuncts(o)])
        if verb.dep_ in ("acl", "advcl", "relcl") and not subject_people:
            subject_people = sentence.people_in([verb.head])[:1]
        if verb.lemma_ == "receive":
            senders = sentence.people_in(
                [g for o in objects for c in o.children if c.lower_ == "from" for g in c.children]
            )
            if not senders:
                continue
            initiator = senders[0]
        elif kind == ContactKind.PHONE_CALL and verb.pos_ == "VERB" and subject_people:
            initiator = subject_people[0]
        people = [m for m in subject_people + other_people]
        people = list({m["id"]: m for m in people}.values())
        lead = people[0] if people else None
        unnamed = unnamed_counterparts(
            objects + withs, {"role": roles.get(lead and lead["person"])}
        )
        if lead and unnamed:
            groups = [[lead, u] for u in unnamed]
        elif len(people) >= 2:
            groups = [people]
        else:
            continue
        if kind == ContactKind.TALKS and headline_says_call:
            kind = ContactKind.PHONE_CALL
        if "video" in sentence.span.text.lower():
            kind = ContactKind.VIDEO_CALL
        date, words = resolve(sentence.span.text, published)
        for group in groups:
            found.append((kind, group, initiator, date, words))
    return found


def contact_kind(token):
    if token.pos_ in ("VERB", "AUX") and token.lemma_ in VERBS:
        if token.lemma_ in ("hold", "have", "receive"):
            nouns = {c.lemma_ for c in token.children if c.dep_ == "dobj"}
            if not nouns & NOUNS:
                return None
            if token.lemma_ == "receive":
                return ContactKind.PHONE_CALL if nouns & {"call", "phone"} else None
            return ContactKind.PHONE_CALL if nouns & {"call", "phone"} else ContactKind.TALKS
        if token.lemma_ == "discuss":
            has_with = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
            return ContactKind.TALKS if has_with else None
        return VERBS[token.lemma_]
    return None
