"""Participants chosen by a filter: by any name, alias or description, or one person's."""

import re
from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import Participant, Person
from ..search.expansion import transliterated
from ..search.names import Lookup
from ..text import name_key

POSSESSIVE_END = re.compile(r"['\u2019]s(?!\w)")  # "Pompeo's", "Pompeo’s"


def people_named(value):
    """People whose slug is `value`, or whose name or any alias contains it (Cyrillic also
    in Latin letters, as typed and without a Russian case ending: "Лаврову" → lavrov), or
    the one person it names as a search would, with a title, an initial or a first name
    spelled another way ("Secretary Pompeo", "Sergey Lavrov"; `search.names.Lookup`). A
    possessive's 's is dropped, as the search drops it ("Pompeo's")."""
    value = POSSESSIVE_END.sub("", value)
    key = name_key(value)
    if not key:
        return Person.objects.none()
    words = [transliterated(word) or [word] for word in key.split()]
    keys = {key, *(name_key(" ".join(s[n] for s in words)) for n in (0, -1))}
    named = Q(slug=value)
    for each in keys - {""}:
        named |= Q(name_key__contains=each) | Q(aliases__name_key__contains=each)
    if " " in value.strip():  # a name with other words (not a slug): looked up as a search
        typed = value.split()
        found = Lookup([" ".join(typed[n:]) for n in range(len(typed))]).found.get(" ".join(typed))
        if found and found[0] == "person":
            named |= Q(pk=found[1])
    return Person.objects.filter(named).values("pk")


def named_participations(value):
    """(participants who are such people, or unnamed counterparts so described; whether
    they are one person's).

    A person's slug (as every link to a person's contacts uses) means that person only:
    an indexed look-up instead of matching every name, alias and description.
    """
    exact = list(Person.objects.filter(slug=value).values_list("pk", flat=True))
    if exact:
        return Participant.objects.filter(person__in=exact), True
    rows = Participant.objects.filter(
        Q(person__in=people_named(value)) | Q(person=None, description__icontains=value.strip())
    )
    return rows, False


def participants_named(value):
    return named_participations(value)[0]


@dataclass
class Participation:
    """One person's (or one country's) participations, chosen by `filters`: when they are
    the whole filter, the contacts are counted and charted from them (one index), and a
    person or country in more than FREQUENT contacts has the page read in date order, each
    contact tested (`ContactQuerySet.with_frequent_participants`).

    A country's are `shared`: several of a contact's participants may hold it, so they are
    counted and charted once per contact (grouped as the date index gives them)."""

    rows: object
    filters: tuple
    shared: bool = False

    def contacts(self):
        """The contacts' ids, each once (counted; the facets' sample)."""
        if not self.shared:
            return self.rows.order_by().values("contact")
        return self.newest().values("contact_id")

    def newest_first(self):
        """(start, end, contact) of each contact, newest first as the contacts list orders
        them by default (start, end, id, all descending): charted, and the page's rows."""
        return self.newest().values_list(*INDEX)

    def newest(self):
        """The participations in the order of the date index, newest first. A country's are
        grouped per contact as the index gives them, and the reading stops at the first rows
        asked for; DISTINCT would first collect every participation (PostgreSQL hashed all
        69,000 of a country's at 1M contacts: 16 ms for a sample of 2,001, now 1.5 ms)."""
        rows = self.rows.order_by(*(f"-{name}" for name in INDEX))
        return rows.values(*INDEX).annotate(participants=Count("pk")) if self.shared else rows


INDEX = ("contact_date", "contact_end", "contact_id")  # not "contact": its ordering

# A person in more contacts than this has them read in date order, each tested (see
# ContactQuerySet.with_frequent_participants); fewer are looked up and sorted.
FREQUENT = 2000
