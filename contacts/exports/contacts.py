"""The contacts export: one row per contact, its evidence one item per citation."""

from functools import partial

from contacts.aggregates import TRUE_TEXT, parse
from contacts.models import Certainty, ContactKind
from contacts.rows import contact_rows
from contacts.rows.contacts import participant_id

from .reading import Record, Rows, from_row_source, iso_dates

KIND_LABELS = dict(ContactKind.choices)
KIND_CODES = {kind: (kind.cameo, kind.plover) for kind in ContactKind}
CERTAINTY_LABELS = dict(Certainty.choices)
SEPARATOR = "; "


def participant_columns(text):
    """(initiator, other participants, countries) as the export writes them, from a
    contact's `participant_text`: one parse, no dict per participant, and a sort only when
    several others are listed (in the order of their ids, as `participants_of` lists them)."""
    initiator, others, countries = "", [], set()
    for person in parse(text):
        if person[1] in TRUE_TEXT and not initiator:
            initiator = person[6]
        else:
            others.append(person)
        if person[5]:
            countries.add(person[5])
    if len(others) > 1:
        others.sort(key=participant_id)
    return initiator, SEPARATOR.join(p[6] for p in others), SEPARATOR.join(sorted(countries))


class ContactRows(Rows):
    headers = [
        "Key",
        "Date",
        "Kind",
        "Initiator",
        "Initiator certainty",
        "Other participants",
        "Countries",
        "Location",
        "Summary",
        "Sources",
        "Link",
        "CAMEO",
        "PLOVER",
    ]
    has_evidence = True

    def records(self, queryset, *, evidence=True):
        link_to = self.links.contact
        read = partial(contact_rows, evidence=evidence, people=participant_columns)
        for row in from_row_source(queryset, read):
            initiator, others, countries = row["participants"]
            link = link_to(row["pk"])
            cameo, plover = KIND_CODES[row["kind"]]
            cells = [
                row["key"],
                iso_dates(row["date_start"], row["date_end"]),
                KIND_LABELS[row["kind"]],
                initiator,
                CERTAINTY_LABELS[row["initiator_certainty"]],
                others,
                countries,
                row["location"],
                row["summary"],
                row["source_count"],
                link,
                cameo,
                plover,
            ]
            cited = self.evidence(row["citations"]) if evidence else []
            yield Record(row["key"], link, cells, cited)
