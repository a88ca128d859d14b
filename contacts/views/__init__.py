from .details import ContactDetailView, PersonDetailView, SourceDetailView
from .home import HomeView
from .lists import ContactListView, PersonListView, StatementListView
from .network import NetworkView

__all__ = [
    "ContactDetailView",
    "ContactListView",
    "HomeView",
    "NetworkView",
    "PersonDetailView",
    "PersonListView",
    "SourceDetailView",
    "StatementListView",
]
