"""Who reached out to whom, aggregated in SQL so that the cost follows the page, not the table.

`reach(contacts)` reads, for the filtered contacts, the initiator -> recipient pairs, the pairs
of participants in contacts whose initiator the sources do not give, and how many contacts
each of those people (or countries) took part in: three grouped queries and two look-ups.
"""

from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.urls import reverse

from ..models import Country, Participant, Person
from ..rows.reading import listed
from .drawn import drawable
from .months import kept

PARTICIPANTS = Participant._meta.db_table
PEOPLE = Person._meta.db_table
COUNTERPART_WINDOW = 1000  # most recent contacts counted on a person's page
COUNTRIES = Country._meta.db_table
PAIR_LIMIT = 300  # the busiest pairs read by each query


class Node(tuple):
    """A person (`slug`), an unnamed counterpart or a country: the pair (key, label), as
    templates and links read it, compared and hashed as that pair by the tuple's own code
    (a month's page hashes ~13,000 pairs of nodes in Counters: a `__hash__` written in
    Python cost it 3 ms)."""

    def __new__(cls, key, label, slug="", country=None, description=""):
        node = super().__new__(cls, (key, label))
        node.slug, node.country, node.description = slug, country, description
        node.kind = key.partition(":")[0]  # "person", "unnamed", "country" or "initiator"
        return node

    def __getnewargs__(self):  # copied or pickled with its attributes, not as the pair
        return (self.key, self.label, self.slug, self.country, self.description)

    key = property(itemgetter(0))
    label = property(itemgetter(1))

    def __repr__(self):
        return f"Node({self.key!r}, {self.label!r})"


UNKNOWN = Node("initiator:unknown", "Initiator unknown")


def run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Place(NamedTuple):
    """A node's country: what its links and labels read of it."""

    code: str
    name: str


def in_bulk(model, ids, *fields):
    """{id: instance} for `ids`, given as one parameter (Django's in_bulk prepares each), or
    {id: (field, ...)} when `fields` are named; one query even for none, so that a page asks
    as many questions at any size."""
    rows = model.objects.filter(pk__in=listed(ids))
    if fields:
        return {pk: values for pk, *values in rows.values_list("pk", *fields)}
    return {row.pk: row for row in rows}


class NodeNamer:
    """Turns (person id, description, country id) into nodes, with two bulk lookups."""

    def __init__(self, rows, group):
        self.group = group
        people = {r[0] for r in rows if r[0] is not None}
        # People are named by themselves; unnamed counterparts and countries by the country.
        countries = {r[2] for r in rows if r[2] and (group == "country" or r[0] is None)}
        self.people = in_bulk(Person, people, "slug", "name") if group == "person" else {}
        self.countries = {
            pk: Place(*values) for pk, values in in_bulk(Country, countries, "code", "name").items()
        }
        self.made = {}

    def node(self, person_id, description, country_id):
        """The node of a participant's columns, made once per participant (a busy person
        stands in hundreds of a month's pairs)."""
        columns = (person_id, description, country_id)
        node = self.made.get(columns)
        if node is None:
            node = self.made[columns] = self.make(*columns)
        return node

    def make(self, person_id, description, country_id):
        country = self.countries.get(country_id)
        if self.group == "country":
            if country is None:
                return Node("country:?", "Country unknown")
            return Node(f"country:{country.code}", country.name, country=country)
        if person_id is not None:
            slug, name = self.people[person_id]
            return Node(f"person:{slug}", name, slug)
        label = f"{description} ({country.name})" if country else description
        return Node(f"unnamed:{description}:{country_id}", label, "", country, description)


@dataclass
class Reach:
    """Who reached out to whom among some contacts."""

    directed: Counter = field(default_factory=Counter)  # {(initiator, recipient): contacts}
    undirected: Counter = field(default_factory=Counter)  # {(a, b): contacts}, initiator unknown
    totals: Counter = field(default_factory=Counter)  # {node: contacts it took part in}
    unknown: Counter = field(default_factory=Counter)  # {node: those with no known initiator}


def side(group, alias):
    """The columns naming one participant (the person or unnamed counterpart, or the country
    alone, 0 when not recorded), those to group by, and how to count contacts: a person
    takes part in a contact once, several people may share a country."""
    if group == "country":
        country = f"COALESCE({alias}.country_id, 0)"
        return f"NULL, NULL, {country}", country, "DISTINCT "
    columns = f"{alias}.person_id, {alias}.description, {alias}.country_id"
    return columns, columns, ""


# Written as a bare column (not "= %s") so that both databases read the partial unique
# index one_initiator_per_contact, whose condition is exactly this.
INITIATOR = "is_initiator"


def pairs(group, subquery, params, limit, *, initiated):
    """[(a's columns, b's columns, contacts)] for the busiest pairs: the initiator a and each
    other participant b, or (not `initiated`) the participants of contacts with no initiator,
    each unordered pair once per contact (for countries: the smaller country first)."""
    (a, by_a, distinct), (b, by_b, _) = side(group, "a"), side(group, "b")
    if group == "country":
        pair = "COALESCE(a.country_id, 0) {} COALESCE(b.country_id, 0)"
        pair = pair.format("<>" if initiated else "<")
    else:
        pair = "b.id <> a.id" if initiated else "b.id > a.id"
    if initiated:
        where = f"a.{INITIATOR} AND a.contact_id IN ({subquery})"
    else:  # the contacts without an initiator first, then their pairs
        where = (
            f"a.contact_id IN (SELECT s.pk FROM ({subquery}) s WHERE NOT EXISTS (SELECT 1 "
            f"FROM {PARTICIPANTS} x WHERE x.contact_id = s.pk AND x.{INITIATOR}))"
        )
    return run(
        f"SELECT {a}, {b}, COUNT({distinct}a.contact_id) AS n FROM {PARTICIPANTS} a "
        f"JOIN {PARTICIPANTS} b ON b.contact_id = a.contact_id AND {pair} WHERE {where} "
        f"GROUP BY {by_a}, {by_b} ORDER BY n DESC LIMIT %s",
        [*params, limit],
    )


def participations(group, subquery, params, people, limit):
    """[(columns, contacts, contacts with no initiator)] of each country, or of `people`
    (ids) and every unnamed counterpart: the `limit` busiest."""
    p, by_p, distinct = side(group, "p")
    only = ""
    if group != "country":
        listed = f"OR p.person_id IN ({', '.join(['%s'] * len(people))})" if people else ""
        only = f"AND (p.person_id IS NULL {listed}) "
    return run(
        f"SELECT {p}, COUNT({distinct}p.contact_id), "
        f"COUNT({distinct}CASE WHEN x.id IS NULL THEN p.contact_id END) FROM {PARTICIPANTS} p "
        f"LEFT JOIN {PARTICIPANTS} x ON x.contact_id = p.contact_id AND x.{INITIATOR} "
        f"WHERE p.contact_id IN ({subquery}) {only}GROUP BY {by_p} ORDER BY 2 DESC LIMIT %s",
        [*params, *(people if only else []), limit],
    )


def sides_of(directed, undirected):
    """Each pair's two participants' columns (person, description, country)."""
    pairs = directed + undirected
    return [row[0:3] for row in pairs] + [row[3:6] for row in pairs]


def counted(contacts, group, limit):
    """The rows `reach` names: (directed pairs, undirected pairs, totals), as lists."""
    try:
        subquery, params = contacts.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # the filters can match nothing (e.g. a search with no words)
        return [], [], []
    directed = pairs(group, subquery, params, limit, initiated=True)
    undirected = pairs(group, subquery, params, limit, initiated=False)
    sides = sides_of(directed, undirected)
    if not sides:
        return [], [], []
    people = sorted({person for person, _, _ in sides if person is not None})
    totals = participations(group, subquery, params, people, 2 * limit + len(people))
    return [list(map(list, rows)) for rows in (directed, undirected, totals)]


def drawn_key(drawn):
    """How `NetworkMonth.drawn` names a drawing: "" for every row, "250x25"."""
    return "" if drawn is None else "x".join(map(str, drawn))


def reach(contacts, group="person", limit=PAIR_LIMIT, month=None, drawn=None):
    """Pairs and participation counts among `contacts` (a queryset), by person or by country.

    Counts are of contacts, not of participant pairs: a country's two ministers calling a
    third country's make one contact between the two countries. `month`: the contacts are
    that whole calendar month's, and its counts are kept (`months.kept`). `drawn`: (graph
    edges, matrix columns) the page draws; only what those can show is named and, for a
    month, kept (`drawable`).
    """

    def rows():
        directed, undirected, totals = counted(contacts, group, limit)
        if drawn is not None:
            undirected, totals = drawable(directed, undirected, totals, *drawn)
        return [directed, undirected, totals]

    if month is not None and limit == PAIR_LIMIT:
        directed, undirected, totals = kept(month, group, rows, drawn_key(drawn))
    else:
        directed, undirected, totals = rows()
    if not directed and not undirected:
        return Reach()
    namer = NodeNamer(sides_of(directed, undirected) + [row[0:3] for row in totals], group)
    result = Reach()
    for row in directed:
        result.directed[namer.node(*row[0:3]), namer.node(*row[3:6])] += row[6]
    for row in undirected:
        pair = sorted([namer.node(*row[0:3]), namer.node(*row[3:6])], key=lambda n: n.key)
        result.undirected[tuple(pair)] += row[6]
    for row in totals:
        node = namer.node(*row[0:3])
        result.totals[node] += row[3]
        result.unknown[node] += row[4]
    return result


@dataclass
class Counterpart:
    label: str
    url: str = ""
    total: int = 0
    initiated_by_them: int = 0
    initiated_by_counterpart: int = 0
    initiator_unknown: int = 0


def counterparts(person, limit=50, window=COUNTERPART_WINDOW):
    """The people `person` was in contact with most, split by who initiated; one query.

    Counted over the person's `window` most recent contacts, so that the page costs the
    same for someone with 50,000 contacts; returns (ranking, whether the window was full).
    """
    rows = run(
        f"WITH recent AS (SELECT contact_id, is_initiator FROM {PARTICIPANTS} "
        f"WHERE person_id = %s ORDER BY contact_date DESC, contact_id DESC LIMIT %s) "
        f"SELECT p.name, p.slug, o.description, c.name, COUNT(*) AS total, "
        f"SUM(CASE WHEN me.is_initiator THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN o.is_initiator THEN 1 ELSE 0 END), "
        f"(SELECT COUNT(*) FROM recent) "
        f"FROM recent me JOIN {PARTICIPANTS} o ON o.contact_id = me.contact_id "
        f"AND (o.person_id IS NULL OR o.person_id <> %s) "
        f"LEFT JOIN {PEOPLE} p ON p.id = o.person_id "
        f"LEFT JOIN {COUNTRIES} c ON c.id = o.country_id "
        f"GROUP BY o.person_id, p.name, p.slug, o.description, o.country_id, c.name "
        f"ORDER BY total DESC LIMIT %s",
        [person.pk, window, person.pk, limit],
    )
    ranking = []
    for name, slug, description, country, total, by_them, by_counterpart, _ in rows:
        if name is not None:
            label, url = name, reverse("person-detail", args=[slug])
        else:
            label, url = (f"{description} ({country})" if country else description), ""
        ranking.append(
            Counterpart(
                label, url, total, by_them, by_counterpart, total - by_them - by_counterpart
            )
        )
    window_full = bool(rows) and rows[0][-1] >= window
    return sorted(ranking, key=lambda entry: (-entry.total, entry.label)), window_full
