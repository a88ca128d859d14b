from django_filters.views import FilterView

from contacts.lists.filters import ContactFilter
from contacts.lists.pagination import CappedPaginator
from contacts.models import Contact
from contacts.network.analysis import reach
from contacts.network.graph import (
    GRAPH_EDGES,
    MATRIX_SIZE,
    Links,
    elements,
    matrix,
    matrix_body,
)
from contacts.network.months import whole_month

from .access import ReadOnlyAccess

GROUPS = {"person": "People", "country": "Countries"}


class NetworkView(ReadOnlyAccess, FilterView):
    """Who reached out to whom: a matrix and a graph that follow the contact filters."""

    permission_required = "contacts.view_contact"
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
        drawn = (GRAPH_EDGES, MATRIX_SIZE)
        found = reach(contacts, group, month=whole_month(self.filterset), drawn=drawn)
        links = Links(self.request.GET)
        rows, columns = matrix(found, links)
        context.update(
            group=group,
            groups=GROUPS,
            matrix=rows,
            matrix_body=matrix_body(rows),
            columns=columns,
            elements=elements(found, links),
            contact_count=CappedPaginator(contacts, 1).count_display,
            current_filters=links.filters.urlencode(),
        )
        return context
