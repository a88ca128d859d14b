"""Which contact a statement is about, as the proposer suggests it.

A readout reports a call or a meeting, then what was said in it: "Secretary Pompeo spoke
with Foreign Secretary Raab today. During the call, the Secretary stressed …". A statement
proposal gets a contact proposal's id as "about_contact" when

- its speaker takes part in the contact (the same matched person, or the same surname);
- the contact is the last one the report gives before the statement (or in its sentence):
  another contact in between ends the readout;
- it is said in the contact's sentence, or at most FOLLOWING sentences after it or after an
  earlier statement suggested for that contact (the readout goes on);
- after the contact's own sentence, it is not said elsewhere (on TV, to the press, in a
  tweet or a speech) nor dated another day.

When one sentence gives several such contacts ("spoke with Raab and Maas"), the one whose
other participant the statement names is taken; if that does not decide, the editor does.
"""

from bisect import bisect_right

from .people import POSSESSIVE, WORD, match_key

FOLLOWING = 3  # sentences after the contact (or the last statement about it)
ELSEWHERE = {"tv_interview", "interview", "tweet", "press_conference", "speech"}


def sentence_of(position, starts):
    """Index of the sentence holding `position`, given every sentence's start, in order."""
    return max(bisect_right(starts, position) - 1, 0)


def surname(name):
    words = match_key(POSSESSIVE.sub("", name or "")).split()
    return words[-1] if words else ""


def unnamed(entry):
    return bool(entry.get("description")) and not entry.get("person")


def same_person(speaker, member):
    """Whether a statement's speaker is a contact's participant."""
    if unnamed(speaker) or unnamed(member):
        return False  # "a senior official" is not "his Russian counterpart"
    if speaker.get("person") and member.get("person"):
        return speaker["person"] == member["person"]
    if speaker.get("proposal") and speaker.get("proposal") == member.get("proposal"):
        return True
    return bool(surname(speaker.get("name"))) and (
        surname(speaker.get("name")) == surname(member.get("name"))
    )


def said_there(statement, contact, same_sentence):
    """Whether a statement near a contact can be what was said in it."""
    if same_sentence:
        return True
    if statement.get("medium") in ELSEWHERE:
        return False
    own_date = statement.get("date_as_written") and statement.get("date_start")
    return not own_date or own_date == contact.get("date_start")


def names_the_other_side(statement, contact):
    """Whether the statement's words name a participant other than its speaker."""
    words = {surname(word) for word in WORD.findall(statement["excerpt"])}
    return any(
        not same_person(statement["speaker"], member) and words & names_of(member)
        for member in contact["participants"]
    )


def names_of(member):
    """A participant's surname as written, and as its matched person's slug ends."""
    slug = [part for part in (member.get("person") or "").split("-") if not part.isdigit()]
    found = {surname(member.get("name")), slug[-1] if slug else ""} - {""}
    return found if not unnamed(member) or member.get("person") else set()


def suggest_contacts(contacts, statements, sentences):
    """Set "about_contact" (a contact proposal's id, or None) on every statement proposal."""
    starts = [start for start, _ in sentences]
    placed = sorted((sentence_of(c["start"], starts), n, c) for n, c in enumerate(contacts))
    reached = {c["id"]: index for index, _, c in placed}  # where each readout has got to
    for statement in sorted(statements, key=lambda s: s["start"]):
        statement["about_contact"] = None
        at = sentence_of(statement["start"], starts)
        before = [index for index, _, _ in placed if index <= at]
        if not before:
            continue
        near = [
            contact
            for index, _, contact in placed
            if index == before[-1]
            and at - reached[contact["id"]] <= FOLLOWING
            and any(same_person(statement["speaker"], m) for m in contact["participants"])
            and said_there(statement, contact, index == at)
        ]
        if len(near) > 1:
            near = [c for c in near if names_the_other_side(statement, c)]
        if len(near) == 1:
            statement["about_contact"] = near[0]["id"]
            reached[near[0]["id"]] = at
