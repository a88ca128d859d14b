from .contacts import Certainty, Contact, ContactKind
from .counts import PersonCounts, SourceCounts
from .dates import DatePrecision
from .network import NetworkMonth
from .offices import OfficeHolding
from .participants import Participant
from .people import AliasKind, AmbiguousName, Person, PersonAlias
from .places import Country, Organisation, OrganisationKind, OrganisationName
from .roles import Role
from .sources import Citation, Source
from .statements import Medium, Statement

__all__ = [
    "AliasKind",
    "AmbiguousName",
    "Certainty",
    "Citation",
    "Contact",
    "ContactKind",
    "Country",
    "DatePrecision",
    "Medium",
    "NetworkMonth",
    "OfficeHolding",
    "Organisation",
    "OrganisationKind",
    "OrganisationName",
    "Participant",
    "Person",
    "PersonAlias",
    "PersonCounts",
    "Role",
    "Source",
    "SourceCounts",
    "Statement",
]
