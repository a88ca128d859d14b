from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from contacts.models import Contact, Person, Source, Statement
from contacts.tables import ContactTable

from .access import ReadOnlyAccess


class HomeView(ReadOnlyAccess, TemplateView):
    permission_required = "contacts.view_contact"
    template_name = "contacts/home.html"

    def get_context_data(self, **kwargs):
        recent = ContactTable(Contact.objects.for_table()[:10], orderable=False)
        RequestConfig(self.request, paginate=False).configure(recent)
        return super().get_context_data(
            recent=recent,
            counts={
                "contacts": Contact.objects.count(),
                "statements": Statement.objects.count(),
                "people": Person.objects.count(),
                "sources": Source.objects.count(),
            },
            **kwargs,
        )
