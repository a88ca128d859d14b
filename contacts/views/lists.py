from contacts.exports.contacts import ContactRows
from contacts.exports.people import PersonRows
from contacts.exports.statements import StatementRows
from contacts.facets import CONTACT_FACETS, STATEMENT_FACETS
from contacts.filters import ContactFilter, PersonFilter, StatementFilter
from contacts.models import Contact, Person, Statement
from contacts.rows import with_activity_counts
from contacts.tables import ContactTable, PersonTable, StatementTable

from .access import ReadOnlyAccess
from .base import AnalystTableView


class ContactListView(ReadOnlyAccess, AnalystTableView):
    permission_required = "contacts.view_contact"
    table_class = ContactTable
    filterset_class = ContactFilter
    export_name = "contacts"
    export_rows_class = ContactRows
    page_title = "Contacts"
    facets = CONTACT_FACETS

    def get_queryset(self):
        return Contact.objects.all()


class StatementListView(ReadOnlyAccess, AnalystTableView):
    permission_required = "contacts.view_statement"
    table_class = StatementTable
    filterset_class = StatementFilter
    export_name = "statements"
    export_rows_class = StatementRows
    page_title = "Statements"
    facets = STATEMENT_FACETS

    def get_queryset(self):
        return Statement.objects.all()


class PersonListView(ReadOnlyAccess, AnalystTableView):
    permission_required = "contacts.view_person"
    table_class = PersonTable
    filterset_class = PersonFilter
    export_name = "people"
    export_rows_class = PersonRows
    page_title = "People"

    def get_queryset(self):
        return with_activity_counts(Person.objects.all())  # the list sorts by the counts
