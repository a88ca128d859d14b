"""Participants (and speakers) chosen by a filter: by any name, alias or description, or one
person's."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q

from ..models import Participant, Person, PersonAlias, Statement
from ..models.statements import DESCRIBED
from ..search.expansion import transliterated
from ..search.names import Lookup
from ..search.substrings import containing, one_described
from ..text import name_key

POSSESSIVE_END = re.compile(r"['\u2019]s(?!\w)")  # "Pompeo's", "Pompeo’s"
SLUG = re.compile(r"[-\w]+\Z")  # what a slug may be (SlugField, allow_unicode)
MANY = 200  # people a typed name is resolved to; a name more hold is matched in each read


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
    # From the names' trigram indexes, as a union of ids: joined by OR, the aliases' ids
    # would be tested against every person (PostgreSQL 1M: 26 ms, as a union 2 ms).
    named = [
        Person.objects.filter(Q(slug=value) | containing(Person, keys)).values("pk"),
        PersonAlias.objects.filter(containing(PersonAlias, keys)).values("person"),
    ]
    if " " in value.strip():  # a name with other words (not a slug): looked up as a search
        typed = value.split()
        found = Lookup([" ".join(typed[n:]) for n in range(len(typed))]).found.get(" ".join(typed))
        if found and found[0] == "person":
            named.append(Person.objects.filter(pk=found[1]).values("pk"))
    first, *others = (query.order_by() for query in named)
    return Person.objects.filter(pk__in=first.union(*others, all=True)).values("pk")


def named_participations(value):
    """(participants who are such people, or unnamed counterparts so described; how many
    people, when they are chosen by id alone, else None).

    A person's slug (as every link to a person's contacts uses) means that person only: an
    indexed look-up instead of matching every name, alias and description. A typed name is
    resolved to its people once (`resolved`), so that the page's reads ask for their ids
    (the date index of their participations) instead of matching every name in each read.
    """
    if SLUG.match(value):
        exact = list(Person.objects.filter(slug=value).values_list("pk", flat=True))
        if exact:
            return Participant.objects.filter(person__in=exact), 1
    unnamed = Q(person=None, description__icontains=value.strip())
    people = people_named(value)
    one = one_described(Participant, "description", value.strip(), Q(person=None))
    ids, any_described = resolved(people, one)
    if ids is None:  # a text so short that many names hold it: matched in each read
        return Participant.objects.filter(Q(person__in=people) | unnamed), None
    if any_described:
        return Participant.objects.filter(Q(person__in=ids) | unnamed), None
    return Participant.objects.filter(person__in=ids), len(ids)


def resolved(people, described):
    """(the ids of `people`, or None when more than MANY; whether the query `described`
    (SQL, parameters: `one_described`) finds a row), read in one query."""
    people = people.order_by().values_list("pk", flat=True).distinct()
    described_sql, params = described
    read = f"SELECT NULL WHERE EXISTS ({described_sql})"
    if not people.query.is_empty():  # else no name in the text (punctuation): no people
        people_sql, people_params = people[: MANY + 1].query.sql_with_params()
        read = f"SELECT * FROM ({people_sql}) AS people UNION ALL {read}"
        params = (*people_params, *params)
    with connection.cursor() as cursor:
        cursor.execute(read, params)
        found = [pk for (pk,) in cursor.fetchall()]
    ids = [pk for pk in found if pk is not None]
    return (ids if len(ids) <= MANY else None), None in found


def spoken_by(value):
    """Statements (a Q) of the people `value` names, or whose speaker it describes; a typed
    name resolved to its people once (`resolved`), read by their ids (the speakers' date
    index) instead of matching every name in each read."""
    unnamed = DESCRIBED & Q(speaker_description__icontains=value.strip())
    people = people_named(value)
    ids, any_described = resolved(
        people, one_described(Statement, "speaker_description", value.strip(), DESCRIBED)
    )
    if ids is None:  # a text so short that many names hold it: matched in each read
        return Q(speaker__in=people) | unnamed
    return Q(speaker__in=ids) | unnamed if any_described else Q(speaker__in=ids)


def participants_named(value):
    return named_participations(value)[0]


@dataclass
class Participation:
    """One person's (or one country's) participations, chosen by `filters`: when they are
    the whole filter, the contacts are counted and charted from them (one index), and a
    person or country in more than FREQUENT contacts has the page read in date order, each
    contact tested (`ContactQuerySet.with_frequent_participants`).

    A country's are `shared`, as are several people's: several of a contact's participants
    may hold it (or be them), so they are counted and charted once per contact (grouped as
    the date index gives them)."""

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
