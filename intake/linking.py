"""A statement about a contact, at review and at saving.

A statement's form offers, as "About the contact", each contact proposal of its draft
(labelled as the report has it: "Phone call: Mike Pompeo – Dominic Raab (sentence 3,
contact c1)") or a contact already in the tracker, by number. At saving, a statement about
a contact proposal is linked to the contact written (or cited) for that proposal in the
same save; a statement about a contact proposal the editor rejected or left undecided is
not saved (nor is anything else), with the reason on its card: the editor chose that link,
so it is never dropped quietly. A statement already in the tracker (cited only) gets the
contact only when it is about none yet; one about another contact is left as it is, and
the result says so.
"""

from bisect import bisect_right

from django.core.exceptions import ValidationError

from contacts.models import Contact, ContactKind, Statement

from .forms import EXISTING, MAX_ROWS

KINDS = dict(ContactKind.choices)
STATUS_NOTES = {"rejected": "rejected", None: "not accepted yet"}


def participant_names(item):
    """Each participant as the report writes it, or as the editor typed it."""
    values, written = item.values, item.proposal.get("participants") or []
    names = []
    for i in range(MAX_ROWS):
        person, described = values.get(f"p{i}_person"), values.get(f"p{i}_description")
        as_written = written[i] if i < len(written) else {}
        if person and person in (as_written.get("person"), as_written.get("name")):
            names.append(as_written.get("name") or person)
        elif person or described:
            names.append(person or described)
    return names


def sentence_number(item, sentences, text):
    """The report's sentence (counted from 1) where the proposal's excerpt starts, or None."""
    start = item.proposal.get("start")
    if start is None:
        start = text.find(item.excerpt) if item.excerpt else -1
    if start < 0 or not sentences:
        return None
    return bisect_right([s for s, _ in sentences], start) or None


def label(item, sentences, text):
    kind = KINDS.get(item.values.get("kind"), "Contact")
    people = " – ".join(participant_names(item)) or "no participants"
    number = sentence_number(item, sentences, text)
    where = [f"sentence {number}"] if number else []
    where.append(f"contact {item.id}")
    if item.status in STATUS_NOTES:
        where.append(STATUS_NOTES[item.status])
    return f"{kind}: {people} ({', '.join(where)})"


def contact_choices(found, draft):
    """(proposal id, label) of every contact proposal among `found`, the draft's items."""
    sentences = draft.proposals.get("sentences") or []
    manual = any(item.manual for item in found if item.type == "contact")
    text = draft.source.text if manual else ""
    return [(item.id, label(item, sentences, text)) for item in found if item.type == "contact"]


def about_line(values, choices, statuses, known):
    """The card's "About the contact" text for a statement's values (`statuses`: proposal
    id -> the editor's decision; `known`: stored contacts by pk), or None."""
    target = values.get("about_contact")
    if not target:
        return None
    if target == EXISTING:
        number = values.get("about_contact_number")
        contact = known.get(number)
        return f"contact #{number}: {contact}" if contact else f"contact #{number} (not found)"
    labels = dict(choices)
    if target not in labels:
        return f"contact {target}, no longer in this draft: choose another or none"
    if statuses.get(target) == "rejected":
        return labels[target] + ": accept it, or choose another contact or none, before saving"
    if statuses.get(target) is None:
        return labels[target] + ": accept it before saving"
    return labels[target]


def target_problem(data, statuses):
    """Why a statement about a contact proposal cannot be saved now, or None."""
    target = data.get("about_contact")
    if not target or target == EXISTING or statuses.get(target) == "accepted":
        return None
    state = "rejected" if statuses.get(target) == "rejected" else "not accepted"
    return (
        f"About the contact: contact {target} is {state}, so this statement cannot be linked "
        f"to it. Accept contact {target}, or choose another contact or none."
    )


def chosen_contact(data, written):
    """The pk of the contact a statement is about: written in this save for a proposal
    (`written`: proposal id -> contact pk), or stored. None when it is about none."""
    target = data.get("about_contact")
    if not target:
        return None
    if target == EXISTING:
        number = data["about_contact_number"]
        if not Contact.objects.filter(pk=number).exists():
            raise ValidationError(f"About the contact: there is no contact #{number}.")
        return number
    if target not in written:
        raise ValidationError(
            f"About the contact: contact {target} was not saved, so this statement cannot "
            "be linked to it."
        )
    return written[target]


def link_stored_statement(pk, contact_pk, source):
    """Set a stored statement's contact if it has none; returns what happened, in words."""
    statement = Statement.objects.select_for_update().get(pk=pk)
    if statement.contact_id == contact_pk:
        return f"already about contact #{contact_pk}"
    if statement.contact_id is not None:
        return (
            f"already about contact #{statement.contact_id}: left as it was, not changed to "
            f"contact #{contact_pk} (change it on the statement in the admin if that is right)"
        )
    statement.contact_id = contact_pk
    statement._change_reason = f"Linked to contact {contact_pk} at intake of source {source.pk}"
    statement.save()
    return f"now about contact #{contact_pk}"
