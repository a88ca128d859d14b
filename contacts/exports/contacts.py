"""The contacts export: one row per contact, its evidence one item per citation."""

from functools import partial

from contacts.models import Certainty, ContactKind
from contacts.rows import contact_rows

from .reading import Record, Rows, from_row_source, iso_dates

KIND_LABELS = dict(ContactKind.choices)
KIND_CODES = {kind: (kind.cameo, kind.plover) for kind in ContactKind}
CERTAINTY_LABELS = dict(Certainty.choices)
SEPARATOR = "; "


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
        for row in from_row_source(queryset, partial(contact_rows, evidence=evidence)):
            people = row["participants"]
            initiator = next((p["label"] for p in people if p["initiator"]), "")
            link = link_to(row["pk"])
            cameo, plover = KIND_CODES[row["kind"]]
            cells = [
                row["key"],
                iso_dates(row["date_start"], row["date_end"]),
                KIND_LABELS[row["kind"]],
                initiator,
                CERTAINTY_LABELS[row["initiator_certainty"]],
                SEPARATOR.join(p["label"] for p in people if not p["initiator"]),
                SEPARATOR.join(sorted({p["country"] for p in people if p["country"]})),
                row["location"],
                row["summary"],
                row["source_count"],
                link,
                cameo,
                plover,
            ]
            cited = self.evidence(row["citations"]) if evidence else []
            yield Record(row["key"], link, cells, cited)
