from django.views.generic import TemplateView

from contacts.lists.pagination import CappedPaginator
from contacts.models import Contact, Person, Source, Statement
from contacts.tables import ContactTable

from .access import ReadOnlyAccess


class HomeView(ReadOnlyAccess, TemplateView):
    permission_required = "contacts.view_contact"
    template_name = "contacts/home.html"

    def get_context_data(self, **kwargs):
        # The ten newest, in no other order: no ?sort= reaches the table.
        recent = ContactTable(Contact.objects.all()[:10], orderable=False)
        recent.request = self.request
        return super().get_context_data(
            recent=recent,
            counts={  # counted up to a cap: "10,000+" on a large archive
                name: CappedPaginator(model.objects.all(), 1).count_display
                for name, model in [
                    ("contacts", Contact),
                    ("statements", Statement),
                    ("people", Person),
                    ("sources", Source),
                ]
            },
            **kwargs,
        )
