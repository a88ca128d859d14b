from contacts.exports.contacts import ContactRows
from contacts.exports.people import PersonRows
from contacts.exports.statements import StatementRows
from contacts.lists.facets import CONTACT_FACETS, STATEMENT_FACETS
from contacts.lists.filters import ContactFilter, PersonFilter, StatementFilter
from contacts.models import Contact, Person, Statement
from contacts.rows import with_activity_counts
from contacts.tables import ContactTable, PersonTable, StatementTable

from .access import ReadOnlyAccess
from .base import AnalystTableView


class ContactListView(ReadOnlyAccess, AnalystTableView):
    model, table_class, filterset_class = Contact, ContactTable, ContactFilter
    export_rows_class, facets = ContactRows, CONTACT_FACETS


class StatementListView(ReadOnlyAccess, AnalystTableView):
    model, table_class, filterset_class = Statement, StatementTable, StatementFilter
    export_rows_class, facets = StatementRows, STATEMENT_FACETS


class PersonListView(ReadOnlyAccess, AnalystTableView):
    model, table_class, filterset_class = Person, PersonTable, PersonFilter
    export_rows_class = PersonRows

    def get_queryset(self):
        return with_activity_counts(Person.objects.all())  # the list sorts by the counts
