"""Writes that touch several rows, each in one transaction."""

from django.db import transaction

from .models import AliasKind, Citation, Contact, Participant, Person, PersonAlias


@transaction.atomic
def record_contact(
    *,
    kind,
    date_start,
    summary,
    participants,
    citations,
    initiator=None,
    initiator_certainty=None,
    **fields,
):
    """Create a contact with its participants and citations, validated as a whole.

    `participants` are Person objects or dicts of Participant fields (for unnamed
    counterparts); `initiator` is one of them; `citations` are (source, excerpt) pairs
    or dicts of Citation fields.
    """
    if len(participants) < 2:
        raise ValueError("A contact needs at least two participants.")
    if not citations:
        raise ValueError("A contact needs at least one citation.")
    certainty = initiator_certainty or ("stated" if initiator is not None else "unknown")
    contact = Contact(
        kind=kind, date_start=date_start, summary=summary, initiator_certainty=certainty, **fields
    )
    contact.full_clean()
    contact.save()
    for entry in participants:
        row = {"person": entry} if isinstance(entry, Person) else dict(entry)
        participant = Participant(contact=contact, is_initiator=entry is initiator, **row)
        participant.full_clean()
        participant.save()
    for entry in citations:
        row = (
            dict(entry)
            if isinstance(entry, dict)
            else dict(zip(("source", "excerpt"), entry, strict=True))
        )
        citation = Citation(contact=contact, **row)
        citation.full_clean()
        citation.save()
    return contact


@transaction.atomic
def merge_people(*, keep, duplicate):
    """Fold `duplicate` into `keep`: its names become aliases, its records move over."""
    if keep.pk == duplicate.pk:
        raise ValueError("A person cannot be merged into themselves.")
    if duplicate.participations.filter(contact__participants__person=keep).exists():
        raise ValueError(f"{duplicate} and {keep} take part in the same contact; fix that first.")
    duplicate.participations.update(person=keep)
    duplicate.statements.update(speaker=keep)
    duplicate.offices.update(person=keep)
    names = [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]
    duplicate.delete()
    for name in names:
        alias = PersonAlias(person=keep, name=name, kind=AliasKind.SPELLING)
        alias.fill_derived_fields()
        known = keep.aliases.filter(name_key=alias.name_key).exists()
        if alias.name_key != keep.name_key and not known:
            alias.save()
    return keep
