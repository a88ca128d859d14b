"""Who reached out to whom: counts computed from contacts already fetched."""

from collections import Counter, defaultdict
from dataclasses import dataclass


def node_of(participant, group):
    """The graph node a participant belongs to: a person (or counterpart), or a country."""
    if group == "country":
        country = participant.country
        return (f"country:{country.code}", country.name) if country else ("country:?", "Unknown")
    if participant.person_id:
        return (f"person:{participant.person.slug}", participant.person.name)
    label = participant.description
    if participant.country_id:
        label = f"{label} ({participant.country.name})"
    return (f"unnamed:{participant.pk}", label)


def directed_pairs(contacts, group="person"):
    """(initiator node, recipient node) for every contact with a known initiator."""
    for contact in contacts:
        participants = list(contact.participants.all())
        initiator = next((p for p in participants if p.is_initiator), None)
        if initiator is None:
            continue
        source = node_of(initiator, group)
        for participant in participants:
            target = node_of(participant, group)
            if participant is not initiator and target != source:
                yield source, target


def reach_matrix(contacts, group="person"):
    """Initiators (rows) by recipients (columns), with counts."""
    counts = Counter(directed_pairs(contacts, group))
    rows = sorted({s for s, _ in counts}, key=lambda node: node[1])
    columns = sorted({t for _, t in counts}, key=lambda node: node[1])
    return rows, columns, counts


def graph_elements(contacts, group="person"):
    counts = Counter(directed_pairs(contacts, group))
    nodes = {node for pair in counts for node in pair}
    return [
        *({"data": {"id": key, "label": label}} for key, label in sorted(nodes)),
        *(
            {"data": {"id": f"{s[0]}->{t[0]}", "source": s[0], "target": t[0], "weight": n}}
            for (s, t), n in sorted(counts.items())
        ),
    ]


@dataclass
class Counterpart:
    label: str
    person: object = None
    total: int = 0
    initiated_by_them: int = 0
    initiated_by_counterpart: int = 0
    initiator_unknown: int = 0


def counterparts(person, contacts):
    """People `person` was in contact with, ranked by number of contacts."""
    ranking = defaultdict(lambda: None)
    for contact in contacts:
        participants = list(contact.participants.all())
        own = next((p for p in participants if p.person_id == person.pk), None)
        initiator = next((p for p in participants if p.is_initiator), None)
        for other in participants:
            if other is own:
                continue
            key, label = node_of(other, "person")
            entry = ranking[key] or Counterpart(label=label, person=other.person)
            ranking[key] = entry
            entry.total += 1
            if initiator is None:
                entry.initiator_unknown += 1
            elif initiator is own:
                entry.initiated_by_them += 1
            elif initiator is other:
                entry.initiated_by_counterpart += 1
            else:
                entry.initiator_unknown += 1
    return sorted(ranking.values(), key=lambda entry: (-entry.total, entry.label))
