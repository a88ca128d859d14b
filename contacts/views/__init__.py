from .details import ContactDetailView, PersonDetailView, SourceDetailView
from .home import HomeView
from .lists import ContactListView, PersonListView, StatementListView
from .network import NetworkView
from .sources import SourceListView
from .statements import StatementDetailView

__all__ = [
    "ContactDetailView",
    "ContactListView",
    "HomeView",
    "NetworkView",
    "PersonDetailView",
    "PersonListView",
    "SourceDetailView",
    "SourceListView",
    "StatementDetailView",
    "StatementListView",
]
