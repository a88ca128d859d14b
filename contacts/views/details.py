from collections import defaultdict

from django.db.models import OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from contacts.aggregates import fields, joined, split
from contacts.highlight import segments
from contacts.lists import timeline as charts
from contacts.lists.pagination import CappedCount, capped_shown, shown_count
from contacts.models import (
    AliasKind,
    Citation,
    Contact,
    OfficeHolding,
    Participant,
    Person,
    PersonAlias,
    Source,
    Statement,
)
from contacts.network.analysis import COUNTERPART_WINDOW, counterparts
from contacts.rows.links import Links
from contacts.views.base import bounded_int

from .access import ReadOnlyAccess

STATEMENT_LIMIT = 200
TIMELINE_LENGTH = 100  # most recent contacts and statements; the tables hold the rest
OFFICES = OfficeHolding.objects.select_related("organisation", "country")
ALIAS_KINDS = dict(AliasKind.choices)


class ContactDetailView(ReadOnlyAccess, DetailView):
    permission_required = "contacts.view_contact"
    template_name = "contacts/contact_detail.html"

    def get_queryset(self):
        return Contact.objects.all()

    def get_context_data(self, **kwargs):
        """Participants, statements, offices and citations: one query each."""
        contact = self.object
        days = bounded_int(self.request.GET.get("days"), 2, 0, 60)
        participants = list(contact.participants.select_related("person", "country"))
        people = [p.person_id for p in participants if p.person_id]
        statements = list(
            Statement.objects.about_or_after(contact, people, days=days).select_related(
                "speaker", "outlet"
            )[:STATEMENT_LIMIT]
        )
        # Linked to this contact first, then what the other side (not the initiator) said.
        initiators = {p.person_id for p in participants if p.is_initiator}
        statements.sort(key=lambda s: (s.contact_id != contact.pk, s.speaker_id in initiators))
        offices = OFFICES.filter(person__in=people).order_by("start_date")
        citations = Citation.objects.filter(
            Q(contact=contact) | Q(statement__in=[s.pk for s in statements])
        ).select_related("source__outlet")
        cited = defaultdict(list)
        for citation in citations:
            cited[citation.statement_id].append(citation)
        for statement in statements:
            statement.evidence = cited[statement.pk]
        held = defaultdict(list)
        for office in offices:
            held[office.person_id].append(office)
        return super().get_context_data(
            participants=[
                (p, next((o for o in held[p.person_id] if o.held_on(contact.date_start)), None))
                for p in participants
            ],
            citations=cited[None],
            days=days,
            statements=statements,
            **kwargs,
        )


def citations(record):
    """Subquery: the citations of each contact or statement (`record`), as one JSON column."""
    cited = fields("pk", "source_id", "source__outlet__name", "source__title")
    return joined(Citation.objects, record, cited)


def evidence(cited, links):
    """[(outlet or title, [link to each excerpt on the source's page])] for a `citations`
    value, one entry per source (`links`: `Links(source=...)`)."""
    sources = {}
    for pk, source, outlet, title in split(cited):
        url = f"{links.source(source)}#citation-{pk}"
        sources.setdefault((source, outlet or title), []).append(url)
    return [(name, urls) for (_, name), urls in sources.items()]


class PersonDetailView(ReadOnlyAccess, DetailView):
    permission_required = "contacts.view_person"
    template_name = "contacts/person_detail.html"

    def get_object(self, queryset=None):
        ident = self.kwargs["ident"]
        # isdecimal, not isdigit: "²" is a digit int() refuses; 18 digits fit any id column.
        number = ident.isdecimal() and len(ident) <= 18
        lookup = Q(slug=ident) | Q(pk=int(ident)) if number else Q(slug=ident)
        aliases = joined(PersonAlias.objects, "person", fields("pk", "name", "kind"))
        people = (
            Person.objects.filter(lookup)
            .select_related("country")
            .annotate(
                alias_list=aliases,
                statements_said=CappedCount(Statement.objects.filter(speaker=OuterRef("pk"))),
            )
            .prefetch_related(Prefetch("offices", queryset=OFFICES))
        )
        person = people.first()
        if person is None:
            raise Http404("Nobody with that name or number is in the tracker.")
        return person

    def get_context_data(self, **kwargs):
        person = self.object
        statements = Statement.objects.by(person)
        recent = TIMELINE_LENGTH
        # A person takes part in a contact at most once: their participations, read for the
        # chart (one index, up to the count's cap), count their contacts.
        chart = charts.for_person(person, Participant.objects.filter(person=person))
        ranking, window_full = counterparts(person, window=COUNTERPART_WINDOW)
        window = COUNTERPART_WINDOW
        contacts = Contact.objects.latest_of(person, recent)
        said = statements.select_related("outlet", "contact")
        timeline = sorted(
            [("contact", c.date_start, c) for c in contacts.annotate(cited=citations("contact"))]
            + [
                ("statement", s.date_start, s)
                for s in said.annotate(cited=citations("statement"))[:recent]
            ],
            key=lambda item: (item[1], item[0]),
        )
        links = Links(source=(Source, "pk"))  # reversed once, not once a citation
        for _, _, item in timeline:
            item.evidence = evidence(item.cited, links)
        return super().get_context_data(
            timeline=timeline,
            contact_chart=chart,
            timeline_length=recent,
            counterparts=ranking,
            counterpart_window=window if window_full else None,
            aliases=[(name, ALIAS_KINDS[kind]) for _, name, kind in split(person.alias_list)],
            contact_count=shown_count(chart.contacts, at_least=chart.partial),
            statement_count=capped_shown(person.statements_said),
            **kwargs,
        )


class SourceDetailView(ReadOnlyAccess, DetailView):
    permission_required = "contacts.view_source"
    template_name = "contacts/source_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Source.objects.select_related("outlet"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        citations = list(
            Citation.objects.filter(source=self.object).select_related(
                "contact",
                "statement__speaker",
                "office__person",
                "office__organisation",
                "office__country",
            )
        )
        return super().get_context_data(
            segments=segments(self.object.text, citations), citations=citations, **kwargs
        )
