"""Checks that span several rows, run after bulk loads and by verify_citations."""

from django.db.models import Count, Q

from .models import Citation, Contact, OfficeHolding, Statement


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


def integrity_problems():
    """Readable descriptions of every cross-row rule the data breaks."""
    for citation, reason in failing_citations():
        yield f"Citation {citation.pk} ({citation.record_label} {citation.record}): {reason}"
    for record in uncited_records():
        yield f"{record._meta.verbose_name.capitalize()} '{record}' cites no source."
    for contact in contacts_with_too_few_participants():
        yield f"Contact '{contact}' has {contact.n} participant(s); a contact needs at least two."
    for contact in Contact.objects.filter(~Q(initiator_certainty="unknown")).exclude(
        participants__is_initiator=True
    ):
        yield f"Contact '{contact}' says how sure its initiator is but names no initiator."
