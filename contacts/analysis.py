"""Who reached out to whom, aggregated in SQL so that the cost follows the page, not the table."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.urls import reverse

from .models import Country, Participant, Person

PARTICIPANTS = Participant._meta.db_table
PEOPLE = Person._meta.db_table
COUNTERPART_WINDOW = 1000  # most recent contacts counted on a person's page
COUNTRIES = Country._meta.db_table


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    person: object = None

    def __iter__(self):  # (key, label), as templates and links use it
        return iter((self.key, self.label))

    def __getitem__(self, index):
        return (self.key, self.label)[index]

    def __len__(self):
        return 2


def run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class NodeNamer:
    """Turns (person id, description, country id) into nodes, with two bulk lookups."""

    def __init__(self, rows, group):
        self.group = group
        people = {r[0] for r in rows if r[0] is not None}
        countries = {r[2] for r in rows if r[2] is not None}
        self.people = Person.objects.in_bulk(people) if group == "person" else {}
        self.countries = Country.objects.in_bulk(countries)

    def node(self, person_id, description, country_id):
        country = self.countries.get(country_id)
        if self.group == "country":
            return (
                Node(f"country:{country.code}", country.name)
                if country
                else Node("country:?", "Unknown")
            )
        if person_id is not None:
            person = self.people[person_id]
            return Node(f"person:{person.slug}", person.name, person)
        label = f"{description} ({country.name})" if country else description
        return Node(f"unnamed:{description}:{country_id}", label)


def directed_counts(contacts, group="person", limit=300):
    """{(initiator node, recipient node): contacts} for the busiest pairs among `contacts`."""
    try:
        subquery, params = contacts.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # the filters can match nothing (e.g. a search with no words)
        return Counter()
    if group == "country":
        select = "i.country_id, r.country_id"
        columns = "NULL, NULL, i.country_id, NULL, NULL, r.country_id"
        distinct = "AND COALESCE(i.country_id, 0) <> COALESCE(r.country_id, 0)"
    else:
        select = (
            "i.person_id, i.description, i.country_id, r.person_id, r.description, r.country_id"
        )
        columns = select
        distinct = ""
    rows = run(
        f"SELECT {columns}, COUNT(*) AS n FROM {PARTICIPANTS} i "
        f"JOIN {PARTICIPANTS} r ON r.contact_id = i.contact_id AND r.id <> i.id "
        f"AND r.is_initiator = %s {distinct} "
        f"WHERE i.is_initiator = %s AND i.contact_id IN ({subquery}) "
        f"GROUP BY {select} ORDER BY n DESC LIMIT %s",
        [False, True, *params, limit],
    )
    namer = NodeNamer([r[0:3] for r in rows] + [r[3:6] for r in rows], group)
    counts = Counter()
    for row in rows:
        counts[namer.node(*row[0:3]), namer.node(*row[3:6])] += row[6]
    return counts


def reach_matrix(counts, size=25):
    """The busiest initiators (rows) by the busiest recipients (columns), from `counts`."""
    by_row, by_column = Counter(), Counter()
    for (source, target), n in counts.items():
        by_row[source] += n
        by_column[target] += n
    rows = sorted((node for node, _ in by_row.most_common(size)), key=lambda node: node.label)
    columns = sorted((node for node, _ in by_column.most_common(size)), key=lambda node: node.label)
    return rows, columns


def graph_elements(counts, edges=150):
    """Cytoscape nodes and edges for the busiest `edges` pairs of `counts`."""
    counts = Counter(dict(counts.most_common(edges)))
    nodes = {node for pair in counts for node in pair}
    return [
        *(
            {"data": {"id": node.key, "label": node.label}}
            for node in sorted(nodes, key=lambda n: n.key)
        ),
        *(
            {"data": {"id": f"{s.key}->{t.key}", "source": s.key, "target": t.key, "weight": n}}
            for (s, t), n in sorted(
                counts.items(), key=lambda item: (item[0][0].key, item[0][1].key)
            )
        ),
    ]


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
