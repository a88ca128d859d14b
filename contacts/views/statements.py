"""One statement with everything that supports it: the page every "source" link leads from."""

import datetime

from django.db.models import Q
from django.http import Http404
from django.views.generic import DetailView

from contacts.models import Citation, OfficeHolding, Statement

from .access import ReadOnlyAccess

NEARBY_DAYS = 2
NEARBY_LIMIT = 20


class StatementDetailView(ReadOnlyAccess, DetailView):
    permission_required = "contacts.view_statement"
    template_name = "contacts/statement_detail.html"

    def get_object(self, queryset=None):
        statements = Statement.objects.select_related(
            "speaker", "speaker_country", "outlet", "contact"
        )
        statement = statements.filter(key=self.kwargs["key"]).first()
        if statement is None:
            raise Http404("No statement with that key is in the tracker.")
        return statement

    def get_context_data(self, **kwargs):
        """Office on the day, citations and nearby statements: one query each."""
        statement = self.object
        office = None
        if statement.speaker_id:
            office = (
                OfficeHolding.objects.filter(person=statement.speaker_id)
                .held_on(statement.date_start)
                .select_related("organisation", "country")
                .order_by("-start_date")
                .first()
            )
        citations = Citation.objects.filter(statement=statement).select_related("source__outlet")
        return super().get_context_data(
            office=office, citations=citations, nearby=nearby(statement), **kwargs
        )


def nearby(statement, days=NEARBY_DAYS, limit=NEARBY_LIMIT):
    """The speaker's other statements within `days`, and others about the same contact."""
    window = Q(
        date_start__gte=statement.date_start - datetime.timedelta(days=days),
        date_start__lte=statement.date_end + datetime.timedelta(days=days),
    )
    same = Q(speaker=statement.speaker_id) & window if statement.speaker_id else Q(pk__in=[])
    if statement.contact_id:
        same |= Q(contact=statement.contact_id)
    return list(
        Statement.objects.filter(same)
        .exclude(pk=statement.pk)
        .select_related("speaker", "outlet")
        .order_by("date_start", "pk")[:limit]
    )
