"""Statements in an English report: quotes with their speakers, and reported speech.

A quote is text between quotation marks (it may run over several sentences); its speaker is
the subject of a speech verb in the sentences it stands in ("… ,” Raab said", "X told CNN:
“…”", "according to X"), a pronoun resolved to the last person named, or an unnamed speaker
described as the report does ("a senior State Department official"). Reported speech is a
person's speech verb with a clause ("X said that …", "X reiterated …") and no quote.
"""

import re

from contacts.models import Medium

SPEECH = set(
    "say tell add tweet write state warn stress note insist declare explain urge "
    "reiterate emphasize emphasise underscore express pledge affirm welcome condemn vow "
    "announce argue respond reply acknowledge confirm assure caution predict repeat post".split()
)
POSITIONS = set(  # readout verbs that report a position taken
    "thank offer praise laud commend convey extend underline commit highlight agree "
    "appreciate congratulate raise share recall voice hail request encourage support call "
    "reaffirm mention outline describe discuss speak accuse deny demand promise propose "
    "threaten slam blame assert criticize criticise reject dismiss defend justify claim "
    "suggest signal".split()
)
REPORTED = (SPEECH | POSITIONS) - {"add", "tweet", "post", "write"}
CONTACT_LIKE = {"speak", "discuss", "talk", "call", "meet"}
TITLE_HEADS = set(
    "secretary minister president chancellor prince premier king emir ambassador chairman "
    "leader spokesperson spokesman spokeswoman diplomat".split()
)
QUOTE = re.compile(r"“([^”]{8,}?)”|\"([^\"]{8,}?)\"|«([^»]{8,}?)»")
TV = {
    "cnn",
    "fox news",
    "msnbc",
    "bbc",
    "cbs",
    "nbc",
    "abc",
    "sky news",
    "al jazeera",
    "france 24",
    "pbs",
    "cnbc",
    "rt",
    "fox",
}
UNNAMED = re.compile(
    r"\b(an?|the)\s+((?:senior|top|high-ranking|unnamed)\s+)?([\w.\- ]{0,40}?)"
    r"(official|spokes(?:man|woman|person)|diplomat|source|aide|ministry)\b",
    re.I,
)


def medium_and_outlet(text):
    lowered = text.lower()
    for outlet in sorted(TV, key=len, reverse=True):
        if re.search(rf"\btold {re.escape(outlet)}\b|\bon {re.escape(outlet)}\b", lowered):
            name = outlet.upper() if len(outlet) <= 5 and " " not in outlet else outlet.title()
            return Medium.TV_INTERVIEW, name
    if re.search(r"\btweet|twitter\b|\bon x\b", lowered):
        return Medium.TWEET, None
    if re.search(r"news conference|press conference|told reporters|briefing", lowered):
        return Medium.PRESS_CONFERENCE, None
    if re.search(r"\bin a statement\b|\bstatement said\b|\bcommuniqu", lowered):
        return Medium.WRITTEN_STATEMENT, None
    if re.search(r"\binterview\b", lowered):
        return Medium.INTERVIEW, None
    if re.search(r"\bspeech\b", lowered):
        return Medium.SPEECH, None
    return Medium.REMARKS, None


def speech_verbs(span, verbs=SPEECH):
    return [t for t in span if t.pos_ == "VERB" and t.lemma_ in verbs]


def speaker_of(sentences, resolver):
    """(mention or None, unnamed description) for the speaker of a quote in `sentences`."""
    for sentence in sentences:
        sources = [
            pobj
            for token in sentence.span
            if token.lower_ == "according"
            for to in token.children
            if to.lower_ == "to"
            for pobj in to.children
            if pobj.dep_ == "pobj"
        ]
        if people := sentence.people_in(sources):
            return people[0], ""
        for verb in speech_verbs(sentence.span, SPEECH) + speech_verbs(sentence.span, REPORTED):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            people = sentence.people_in(subjects)
            if people:
                return people[-1], ""
            for subject in subjects:
                if subject.lower_ in TITLE_HEADS and (
                    person := resolver.titled(subject.lower_, sentence.start, fallback=False)
                ):
                    return person, ""
                phrase = " ".join(w.text for w in subject.subtree)
                if match := UNNAMED.search(phrase):
                    return None, match.group(0)
            if person := titled(subjects, sentence, resolver):
                return person, ""
    return None, ""


def quotes(text):
    for match in QUOTE.finditer(text):
        group = next(g for g in match.groups() if g is not None)
        index = next(i for i, g in enumerate(match.groups(), 1) if g is not None)
        if len(group.split()) >= 3:
            yield match.start(index), match.end(index), group


def reported(sentence, resolver):
    """(speaker mention, unnamed description, clause) for reported speech in a sentence
    without a quote; a title nobody in the report is named with stays unnamed ("The Prime
    Minister")."""
    for verb in speech_verbs(sentence.span, REPORTED):
        if verb.dep_ not in ("ROOT", "conj", "ccomp"):
            continue
        if verb.lemma_ in CONTACT_LIKE and any(
            c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children
        ):
            continue  # "spoke with", "discussed with": a contact, not a statement
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "conj":
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        people = sentence.people_in(subjects)
        if not people:
            people = [m for m in [titled(subjects, sentence, resolver)] if m]
        description = "" if people else unnamed_title(subjects)
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "dobj", "xcomp", "prep")]
        if (people or description) and clauses:
            words = list(clauses[0].subtree)
            clause = sentence.span.doc.text[words[0].idx : words[-1].idx + len(words[-1])]
            return (people[0] if people else None), description, clause
    return None, "", ""


def unnamed_title(subjects):
    """ "The Prime Minister" as the report writes it, when no one is named with that title."""
    for subject in subjects:
        if subject.lower_ in TITLE_HEADS:
            words = list(subject.subtree)
            return subject.doc[words[0].i : words[-1].i + 1].text
    return ""


def titled(subjects, sentence, resolver):
    """ "The Prime Minister", "the Secretary", "the two sides", "he": the person meant."""
    for subject in subjects:
        if subject.lower_ in ("he", "she", "two", "sides", "side", "both", "leaders"):
            return resolver(sentence.start)
        if subject.lower_ in TITLE_HEADS:
            return resolver.titled(subject.lower_, sentence.start, fallback=False)
    return None
