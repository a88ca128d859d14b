"""The contacts export: one row per contact, its evidence one item per citation."""

from functools import partial

from contacts.aggregates import TRUE_TEXT, parse
from contacts.models import Certainty, ContactKind
from contacts.rows import contact_rows
from contacts.rows.contacts import initiator_first

from .reading import Record, Rows, from_row_source, iso_dates

KIND_LABELS = dict(ContactKind.choices)
KIND_CODES = {kind: (kind.cameo, kind.plover) for kind in ContactKind}
CERTAINTY_LABELS = dict(Certainty.choices)
SEPARATOR = "; "


def participant_columns(text):
    """(initiator, other participants, countries) as the export writes them, from a
    contact's `participant_text`: one parse and one sort, no dict per participant."""
    people = sorted(parse(text), key=initiator_first)
    initiator = people[0][6] if people and people[0][1] in TRUE_TEXT else ""
    others = SEPARATOR.join(person[6] for person in people if person[1] not in TRUE_TEXT)
    countries = SEPARATOR.join(sorted({person[5] for person in people if person[5]}))
    return initiator, others, countries


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
