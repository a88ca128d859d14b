from django.http import QueryDict
from django.urls import reverse
from django_filters.views import FilterView

from contacts.analysis import directed_counts, graph_elements, reach_matrix
from contacts.filters import ContactFilter
from contacts.models import Contact
from contacts.pagination import CappedPaginator

from .access import ReadOnlyAccess

GROUPS = {"person": "People", "country": "Countries"}


class NetworkView(ReadOnlyAccess, FilterView):
    permission_required = "contacts.view_contact"
    """Who reached out to whom: a matrix and a graph that follow the contact filters."""

    filterset_class = ContactFilter
    strict = False
    template_name = "contacts/network.html"

    def get_queryset(self):
        return Contact.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.request.GET.get("group")
        group = group if group in GROUPS else "person"
        contacts = self.object_list
        counts = directed_counts(contacts, group)
        rows, columns = reach_matrix(counts)
        filters = self.request.GET.copy()
        filters.pop("group", None)
        context.update(
            group=group,
            groups=GROUPS,
            matrix=[
                (
                    row,
                    [
                        (
                            column,
                            counts.get((row, column), 0),
                            self.cell_url(filters, row, column, group),
                        )
                        for column in columns
                    ],
                )
                for row in rows
            ],
            columns=columns,
            elements=graph_elements(counts),
            contact_count=CappedPaginator(contacts, 1).count_display,
            current_filters=filters.urlencode(),
        )
        return context

    @staticmethod
    def cell_url(filters, row, column, group):
        """The contacts table filtered to this initiator and recipient."""
        query = filters.copy() if filters else QueryDict(mutable=True)
        for name, (key, label) in (("initiator", row), ("recipient", column)):
            kind, _, value = key.partition(":")
            if kind == "person":
                query[name] = value
            elif kind == "unnamed":
                query[name] = label.rsplit(" (", 1)[0]
            elif kind == "country":
                query[f"{name}_country"] = value
        return f"{reverse('contact-list')}?{query.urlencode()}"
