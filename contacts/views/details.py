from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from contacts.analysis import counterparts
from contacts.highlight import segments
from contacts.models import Citation, Contact, OfficeHolding, Participant, Person, Source, Statement
from contacts.pagination import CappedPaginator
from contacts.views.tables import bounded_int

from .access import ReadOnlyAccess

STATEMENT_LIMIT = 200
TIMELINE_LENGTH = 100  # most recent contacts and statements; the tables hold the rest
OFFICES = OfficeHolding.objects.select_related("organisation", "country")


class ContactDetailView(ReadOnlyAccess, DetailView):
    permission_required = "contacts.view_contact"
    template_name = "contacts/contact_detail.html"

    def get_queryset(self):
        participants = Participant.objects.select_related("person", "country").prefetch_related(
            Prefetch("person__offices", queryset=OFFICES)
        )
        return Contact.objects.for_table(participants=participants)

    def get_context_data(self, **kwargs):
        contact = self.object
        days = bounded_int(self.request.GET.get("days"), 2, 0, 60)
        # Two indexed look-ups, not one OR that no index serves.
        about = contact.statements.values_list("pk", flat=True)[:STATEMENT_LIMIT]
        after = Statement.objects.after(contact, days=days).values_list("pk", flat=True)
        following = Statement.objects.filter(pk__in=[*about, *after[:STATEMENT_LIMIT]])
        return super().get_context_data(
            participants=[
                (
                    p,
                    next((o for o in p.person.offices.all() if o.held_on(contact.date_start)), None)
                    if p.person_id
                    else None,
                )
                for p in contact.participants.all()
            ],
            days=days,
            statements=following.for_table(),
            **kwargs,
        )


class PersonDetailView(ReadOnlyAccess, DetailView):
    permission_required = "contacts.view_person"
    template_name = "contacts/person_detail.html"

    def get_object(self, queryset=None):
        ident = self.kwargs["ident"]
        lookup = Q(slug=ident) | Q(pk=int(ident)) if ident.isdigit() else Q(slug=ident)
        people = (
            Person.objects.filter(lookup)
            .select_related("country")
            .prefetch_related(
                "aliases",
                Prefetch("offices", queryset=OFFICES),
            )
        )
        person = people.first()
        if person is None:
            raise Http404("Nobody with that name or number is in the tracker.")
        return person

    def get_context_data(self, **kwargs):
        person = self.object
        contacts = Contact.objects.involving(person)
        statements = Statement.objects.by(person)
        recent = TIMELINE_LENGTH
        people = Participant.objects.select_related("person", "country")
        timeline = sorted(
            [
                ("contact", c.date_start, c)
                for c in contacts.prefetch_related(Prefetch("participants", queryset=people))[
                    :recent
                ]
            ]
            + [
                ("statement", s.date_start, s)
                for s in statements.select_related("outlet", "contact")[:recent]
            ],
            key=lambda item: (item[1], item[0]),
        )
        return super().get_context_data(
            timeline=timeline,
            timeline_length=recent,
            counterparts=counterparts(person),
            contact_count=CappedPaginator(contacts, 1).count_display,
            statement_count=CappedPaginator(statements, 1).count_display,
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
