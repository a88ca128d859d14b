"""The rules that span several rows, in one place.

Admin forms and inlines, services, the fixture loader and `check_integrity` all ask these
functions, so a rule is written once and holds on every path:

- every citation's excerpt occurs in its source's text (`citations_broken_by_text`);
- every contact, statement and office cites at least one source (`orphaned_by_removing`);
- a contact has at least two participants;
- the initiator flag and "how sure is the initiator" agree (`initiator_problem`);
- every source and person has the counts its records give it (`counts_out_of_step`), as
  migration 0014's triggers keep them.
"""

from django.db import connection
from django.db.models import Count, Q

from .models import Certainty, Citation, Contact, OfficeHolding, Organisation, Statement
from .text import excerpt_occurs_in

RECORD_FIELDS = ("contact", "statement", "office")


def initiator_problem(certainty, initiators):
    """Why `initiators` ticked participants disagree with `certainty`, or None."""
    if initiators > 1:
        return "Only one participant can have initiated the contact."
    if certainty == Certainty.UNKNOWN and initiators:
        return (
            "“How sure is the initiator” says unknown, but a participant is ticked as the "
            "initiator: choose “stated” or “implied”, or untick the initiator."
        )
    if certainty != Certainty.UNKNOWN and not initiators:
        return (
            f"“How sure is the initiator” says {Certainty(certainty).label.lower()}, but no "
            "participant is ticked as the initiator: tick who reached out, or choose “unknown”."
        )
    return None


def citations_broken_by_text(source, text, excluding=()):
    """Citations of `source` whose excerpt would not be found in `text`."""
    cited = source.citations.exclude(pk__in=[pk for pk in excluding if pk])
    return [c for c in cited.order_by("pk") if not excerpt_occurs_in(c.excerpt, text)]


def describe_citation(citation):
    return f"citation {citation.pk} of {citation.record_label} “{citation.record}”"


def source_text_problem(source, text, excluding=()):
    """Why `source`'s text cannot become `text`, or None. `excluding`: citation ids that the
    same change re-anchors or removes."""
    broken = citations_broken_by_text(source, text, excluding)
    if not broken:
        return None
    listed = "; ".join(f"{describe_citation(c)}: “{c.excerpt[:80]}”" for c in broken[:10])
    more = f" and {len(broken) - 10} more" if len(broken) > 10 else ""
    return (
        f"The new text no longer contains the excerpts of {len(broken)} citation(s): "
        f"{listed}{more}. Correct or remove those citations in the same change."
    )


def orphaned_by_removing(citations):
    """Records that would cite no source once `citations` (Citation objects) are gone."""
    leaving = {c.pk for c in citations if c.pk}
    records = {}
    for citation in citations:
        label = citation.record_label
        if label:
            records[label, getattr(citation, f"{label}_id")] = citation.record
    orphaned = []
    for (label, record_id), record in records.items():
        remaining = Citation.objects.filter(**{f"{label}_id": record_id}).exclude(pk__in=leaving)
        if not remaining.exists():
            orphaned.append(record)
    return orphaned


def last_citation_problem(citations):
    """Why `citations` cannot be deleted (or moved away from their record), or None."""
    orphaned = orphaned_by_removing(list(citations))
    if not orphaned:
        return None
    names = "; ".join(f"{r._meta.verbose_name} “{r}”" for r in orphaned[:10])
    return (
        f"This would leave {names} with no citation. Every record cites a source: add "
        "another citation to it first, or delete the record itself."
    )


def records_problems(records):
    """The rules above, for some records only (after a restore, a service write, …)."""
    for record in records:
        name = f"{record._meta.verbose_name} “{record}”"
        if isinstance(record, Contact | Statement | OfficeHolding):
            if not record.citations.exists():
                yield f"{name} cites no source."
        if isinstance(record, Contact):
            flags = list(record.participants.values_list("is_initiator", flat=True))
            if len(flags) < 2:
                yield f"{name} has {len(flags)} participant(s); a contact needs at least two."
            if problem := initiator_problem(record.initiator_certainty, sum(flags)):
                yield f"{name}: {problem}"


def failing_citations(citations=None):
    """(citation, reason) for every citation whose excerpt is not in its source."""
    citations = citations if citations is not None else Citation.objects.all()
    for citation in citations.select_related("source").order_by("pk"):
        if reason := citation.verification_error():
            yield citation, reason


def uncited_records():
    """Contacts, statements and offices that cite no source."""
    for model in (Contact, Statement, OfficeHolding):
        yield from model.objects.filter(citations__isnull=True)


def contacts_with_too_few_participants():
    return Contact.objects.annotate(n=Count("participants")).filter(n__lt=2)


def contacts_with_disagreeing_initiator():
    """Contacts whose initiator flags and certainty disagree (see `initiator_problem`)."""
    counted = Contact.objects.annotate(
        initiators=Count("participants", filter=Q(participants__is_initiator=True))
    )
    disagree = Q(initiator_certainty=Certainty.UNKNOWN, initiators__gt=0) | (
        ~Q(initiator_certainty=Certainty.UNKNOWN) & Q(initiators=0)
    )
    return counted.filter(disagree)


def organisations_searched_under_other_keys():
    """Organisations whose stored search keys (`OrganisationName`) are not their names' keys:
    written by a path that bypassed `save()` (`update()`, `bulk_create`, raw SQL)."""
    organisations = Organisation.objects.prefetch_related("names_searched").order_by("pk")
    for organisation in organisations.iterator(chunk_size=500):
        stored = {row.name_key for row in organisation.names_searched.all()}
        if stored != organisation.name_keys():
            yield organisation


def integrity_problems():
    """Readable descriptions of every cross-row rule the data breaks."""
    for citation, reason in failing_citations():
        yield f"Citation {citation.pk} ({citation.record_label} {citation.record}): {reason}"
    for record in uncited_records():
        yield f"{record._meta.verbose_name.capitalize()} '{record}' cites no source."
    for contact in contacts_with_too_few_participants():
        yield f"Contact '{contact}' has {contact.n} participant(s); a contact needs at least two."
    for contact in contacts_with_disagreeing_initiator():
        problem = initiator_problem(contact.initiator_certainty, contact.initiators)
        yield f"Contact '{contact}': {problem}"
    for label, pk in counts_out_of_step():
        yield (
            f"{label} {pk}: its stored counts disagree with its records (a write bypassed "
            "migration 0014's triggers)."
        )
    for organisation in organisations_searched_under_other_keys():
        yield (
            f"Organisation '{organisation}' is searched under keys other than its names': "
            "save it again to rewrite them."
        )


COUNTS_OUT_OF_STEP = [
    (
        "Source",
        "SELECT s.id FROM contacts_source s LEFT JOIN contacts_sourcecounts k "
        "ON k.source_id = s.id LEFT JOIN (SELECT source_id, COUNT(DISTINCT contact_id) AS c, "
        "COUNT(DISTINCT statement_id) AS n FROM contacts_citation GROUP BY source_id) x "
        "ON x.source_id = s.id WHERE k.source_id IS NULL OR k.contacts <> COALESCE(x.c, 0) "
        "OR k.statements <> COALESCE(x.n, 0) ORDER BY s.id",
    ),
    (
        "Person",
        "SELECT p.id FROM contacts_person p LEFT JOIN contacts_personcounts k "
        "ON k.person_id = p.id LEFT JOIN (SELECT person_id, COUNT(*) AS c FROM "
        "contacts_participant GROUP BY person_id) x ON x.person_id = p.id LEFT JOIN (SELECT "
        "speaker_id, COUNT(*) AS n FROM contacts_statement GROUP BY speaker_id) y "
        "ON y.speaker_id = p.id WHERE k.person_id IS NULL OR k.contacts <> COALESCE(x.c, 0) "
        "OR k.statements <> COALESCE(y.n, 0) ORDER BY p.id",
    ),
]


def counts_out_of_step():
    """(label, id) of every source and person whose stored counts row is missing or wrong:
    the lists would hide the first and misorder the second."""
    with connection.cursor() as cursor:
        for label, sql in COUNTS_OUT_OF_STEP:
            cursor.execute(sql)
            yield from ((label, pk) for (pk,) in cursor.fetchall())
