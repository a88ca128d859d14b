"""Writes that touch several rows, each in one transaction, each checked by the integrity
rules (contacts.integrity) before it is committed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import get_history_manager_for_model

from .integrity import (
    initiator_problem,
    last_citation_problem,
    records_problems,
    source_text_problem,
)
from .models import (
    AliasKind,
    Citation,
    Contact,
    OfficeHolding,
    Participant,
    Person,
    PersonAlias,
    Statement,
)


def validated(record):
    """`record` checked by its model's rules (full_clean) and saved."""
    record.full_clean()
    record.save()
    return record


def cited(record_field, record, citations, *, checked=True):
    """`record` saved with its `citations`, then checked with the rules that span records."""
    validated(record)
    cite(record_field, record, citations)
    if checked:
        check([record])
    return record


def cite(record_field, record, citations):
    """Save (source, excerpt) pairs or dicts of Citation fields as `record`'s citations."""
    for entry in citations:
        row = (
            dict(entry)
            if isinstance(entry, dict)
            else dict(zip(("source", "excerpt"), entry, strict=True))
        )
        citation = Citation(**{record_field: record}, **row)
        validated(citation)


def check(records):
    if problems := list(records_problems(records)):
        raise ValidationError(problems)


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
    if problem := initiator_problem(certainty, 1 if initiator is not None else 0):
        raise ValidationError(problem)
    contact = Contact(
        kind=kind, date_start=date_start, summary=summary, initiator_certainty=certainty, **fields
    )
    validated(contact)
    for entry in participants:
        row = {"person": entry} if isinstance(entry, Person) else dict(entry)
        participant = Participant(contact=contact, is_initiator=entry is initiator, **row)
        validated(participant)
    cite("contact", contact, citations)
    check([contact])
    return contact


@transaction.atomic
def record_office(*, person, title, citations, **fields):
    """Record an office `person` held, cited like every other record."""
    if not citations:
        raise ValidationError("An office needs at least one citation.")
    office = OfficeHolding(person=person, title=title, **fields)
    return cited("office", office, citations, checked=False)


@transaction.atomic
def change_source_text(*, source, text, reanchor=None, remove=()):
    """Give `source` new text. Citations the new text no longer contains must be re-anchored
    (`reanchor`: {citation: new excerpt}) or removed (`remove`) in the same change; a
    removed citation must not be its record's last."""
    reanchor = dict(reanchor or {})
    if problem := last_citation_problem(list(remove)):
        raise ValidationError(problem)
    handled = [c.pk for c in [*reanchor, *remove]]
    if problem := source_text_problem(source, text, excluding=handled):
        raise ValidationError(problem)
    source.text = text
    validated(source)
    for citation in remove:
        citation.delete()
    for citation, excerpt in reanchor.items():
        citation.source, citation.excerpt = source, excerpt
        validated(citation)
    return source


@transaction.atomic
def delete_citation(*, citation):
    """Delete a citation, unless it is the last one its record has."""
    if problem := last_citation_problem([citation]):
        raise ValidationError(problem)
    citation.delete()


@transaction.atomic
def merge_people(*, keep, duplicate):
    """Fold `duplicate` into `keep`: its names become aliases, its records move over."""
    if keep.pk == duplicate.pk:
        raise ValueError("A person cannot be merged into themselves.")
    if duplicate.participations.filter(contact__participants__person=keep).exists():
        raise ValueError(f"{duplicate} and {keep} take part in the same contact; fix that first.")
    reason = f"merged {duplicate} ({duplicate.slug}) into {keep} ({keep.slug})"
    moved = {
        Participant: list(duplicate.participations.values_list("pk", flat=True)),
        Statement: list(duplicate.statements.values_list("pk", flat=True)),
        OfficeHolding: list(duplicate.offices.values_list("pk", flat=True)),
    }
    duplicate.participations.update(person=keep)
    Contact.objects.filter(participants__in=moved[Participant]).refresh_summaries()
    duplicate.statements.update(speaker=keep)
    duplicate.offices.update(person=keep)
    for model, ids in moved.items():
        get_history_manager_for_model(model).bulk_history_create(
            model.objects.filter(pk__in=ids), update=True, default_change_reason=reason
        )
    names = [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]
    duplicate._change_reason = reason
    duplicate.delete()
    for name in names:
        alias = PersonAlias(person=keep, name=name, kind=AliasKind.SPELLING)
        alias.fill_derived_fields()
        known = keep.aliases.filter(name_key=alias.name_key).exists()
        if alias.name_key != keep.name_key and not known:
            alias._change_reason = reason
            alias.save()
    return keep


@transaction.atomic
def record_statement(*, text, date_start, citations, speaker=None, **fields):
    """Create a statement with its citations; `speaker` is a Person, or give
    `speaker_description` for an unnamed speaker."""
    if not citations:
        raise ValidationError("A statement needs at least one citation.")
    statement = Statement(speaker=speaker, text=text, date_start=date_start, **fields)
    return cited("statement", statement, citations)


@transaction.atomic
def add_citation(*, record, source, excerpt, **fields):
    """Cite `source` (a verified verbatim excerpt) for an existing contact, statement or
    office; returns the new Citation."""
    label = {Contact: "contact", Statement: "statement", OfficeHolding: "office"}[type(record)]
    citation = Citation(**{label: record}, source=source, excerpt=excerpt, **fields)
    validated(citation)
    return citation


@transaction.atomic
def record_person(*, name, country=None, aliases=(), notes=""):
    """Create a person with a unique slug, and each of `aliases` (names as written, or
    (name, kind) pairs) that differs from the canonical name."""
    person = Person(name=name, country=country, notes=notes)
    person.fill_derived_fields()
    base = person.slug[:190] or "person"
    person.slug, number = base, 1
    while Person.objects.filter(slug=person.slug).exists():
        number += 1
        person.slug = f"{base}-{number}"
    validated(person)
    for entry in aliases:
        alias_name, kind = (entry, AliasKind.SPELLING) if isinstance(entry, str) else entry
        alias = PersonAlias(person=person, name=alias_name, kind=kind)
        alias.fill_derived_fields()
        if alias.name_key and alias.name_key != person.name_key:
            if not person.aliases.filter(name_key=alias.name_key).exists():
                validated(alias)
    return person


@transaction.atomic
def link_statements(*, contact, chosen, offered):
    """Link `chosen` statements to `contact`; those of `offered` not chosen and linked to it
    are unlinked. Each changed statement is saved (version and history)."""
    chosen = {statement.pk for statement in chosen}
    changed = []
    for statement in offered:
        linked = statement.contact_id == contact.pk
        if statement.pk in chosen and not linked:
            statement.contact = contact
            changed.append(statement)
        elif statement.pk not in chosen and linked:
            statement.contact = None
            changed.append(statement)
    for statement in changed:
        verb = "Linked to" if statement.contact_id else "Unlinked from"
        statement._change_reason = f"{verb} contact {contact.pk} from its page"
        statement.save()
    return changed
