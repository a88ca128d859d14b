"""From a read report to a stored source and its draft (proposals kept for review)."""

import logging
import re

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from contacts.models import Organisation, Source
from contacts.text import excerpt_digest

from .models import Draft
from .sentences import trimmed

logger = logging.getLogger(__name__)
SENTENCE_END = re.compile(r"[^\n.!?؟。]+(?:[.!?؟。]+|$)")


def find_outlet(name):
    """The organisation called `name` (by name, abbreviation or other name), or None."""
    name = (name or "").strip()
    if not name:
        return None
    found = Organisation.objects.filter(
        Q(name__iexact=name) | Q(abbreviation__iexact=name) | Q(other_names__icontains=name)
    )
    for organisation in found[:20]:
        names = [organisation.name, organisation.abbreviation, *organisation.other_names.split(";")]
        if name.casefold() in {n.strip().casefold() for n in names if n.strip()}:
            return organisation
    return None


def duplicate_of(text):
    """The stored source with the same normalised text, or None."""
    return Source.objects.filter(text_digest=excerpt_digest(text)).order_by("pk").first()


def unique_slug(title):
    base = slugify(title)[:90].strip("-") or "report"
    slug, number = base, 1
    while Source.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def simple_sentences(text):
    """Rough sentence offsets, used only when the proposer itself fails."""
    spans = []
    for match in SENTENCE_END.finditer(text):
        if span := trimmed(text, *match.span()):
            spans.append(span)
    return spans


def proposals_for(text, *, published=None, language=None, title=""):
    """The proposer's output; if it fails, every sentence is still offered for manual
    proposals, so a report is never lost to a proposer error."""
    from .proposer import propose

    try:
        return propose(text, published=published, language=language, title=title)
    except Exception:  # noqa: BLE001 - any proposer failure leaves manual review possible
        logger.exception("The proposer failed on a report titled %r", title)
        return {
            "source": {"title": title, "language": language},
            "sentences": simple_sentences(text),
            "people": [],
            "contacts": [],
            "statements": [],
            "notes": [
                "Automatic proposals failed for this report (the error is logged): click a "
                "sentence to propose a record by hand."
            ],
        }


@transaction.atomic
def create_source_and_draft(
    *, text, title, outlet_name, url, published, language, notes, proposals, user
):
    """Store the report exactly as read, with the proposer's output (`proposals_for`, run
    before, so that no write waits for the NLP) as a new draft."""
    outlet = find_outlet(outlet_name)
    lines = list(notes)
    if outlet_name and outlet is None:
        lines.append(f"Outlet as given at intake: {outlet_name}")
    source = Source(
        slug=unique_slug(title),
        title=title,
        outlet=outlet,
        url=url,
        published_date=published,
        language=language,
        text=text,
        notes="\n".join(lines),
    )
    source.full_clean()
    source.save()
    return Draft.objects.create(source=source, proposals=proposals, created_by=user)


def draft_for(*, source, user):
    """The draft of an already stored source, made now if it has none (e.g. a seed source).
    Returns (draft, created)."""
    draft = Draft.objects.filter(source=source).first()
    if draft is not None:
        return draft, False
    proposals = proposals_for(
        source.text,
        published=source.published_date,
        language=source.language or None,
        title=source.title,
    )
    with transaction.atomic():
        return Draft.objects.get_or_create(
            source=source, defaults={"proposals": proposals, "created_by": user}
        )
