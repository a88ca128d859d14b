"""The contacts export: one row per contact, its evidence one item per citation."""

from functools import partial

from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Cast, Concat

from contacts.models import Certainty, Contact, ContactKind
from contacts.rows import contact_rows
from contacts.rows.contacts import streamed_contact_rows
from contacts.rows.reading import iso_dates

from .in_sql import entered
from .reading import Record, Rows, from_row_source
from .safety import neutralise

KIND_LABELS = dict(ContactKind.choices)
KIND_CODES = {kind: (kind.cameo, kind.plover) for kind in ContactKind}
CERTAINTY_LABELS = dict(Certainty.choices)


def labelled(field, labels, other=None):
    """A choice field's label (or code), in SQL; `other` (default '') for a value no longer
    a choice."""
    whens = [When(**{field: value}, then=Value(str(label))) for value, label in labels.items()]
    return Case(*whens, default=other or Value(""), output_field=TextField())


def as_stored(field):
    """A value no longer among a field's choices (stored before a choice was removed, or
    loaded): written as stored, neutralised, in SQL and in Python alike."""
    return entered(F(field))


def label(labels, value):
    return labels.get(value) or neutralise(value)


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
    written = frozenset(
        {"Date", "Kind", "Initiator certainty", "Sources", "Link", "CAMEO", "PLOVER"}
    )
    has_evidence = True
    copied_model = Contact  # the rows `copied_cells` are read from (`copied`)

    def copied_cells(self):
        """The cells `records` writes, in SQL, for PostgreSQL to write the CSV (`copied`)."""
        before, after = self.links.parts["contact"]
        return [
            F("key"),
            iso_dates(),
            labelled("kind", KIND_LABELS, as_stored("kind")),
            F("initiator_cell"),
            labelled("initiator_certainty", CERTAINTY_LABELS, as_stored("initiator_certainty")),
            F("others_cell"),
            F("countries_cell"),
            F("location"),
            F("summary"),
            F("source_count"),
            Concat(Value(before), Cast("pk", TextField()), Value(after), output_field=TextField()),
            labelled("kind", {kind: codes[0] for kind, codes in KIND_CODES.items()}),
            labelled("kind", {kind: codes[1] for kind, codes in KIND_CODES.items()}),
        ]

    def records(self, queryset, *, evidence=True):
        link_to = self.links.contact
        options = {"evidence": evidence, "exported": True}
        read = partial(contact_rows, **options)
        streamed = partial(streamed_contact_rows, **options)
        for row in from_row_source(queryset, read, streamed):
            link = link_to(row["pk"])
            cameo, plover = KIND_CODES.get(row["kind"], ("", ""))
            cells = [
                row["key"],
                row["dates"],
                label(KIND_LABELS, row["kind"]),
                row["initiator_cell"],
                label(CERTAINTY_LABELS, row["initiator_certainty"]),
                row["others_cell"],
                row["countries_cell"],
                row["location"],
                row["summary"],
                row["source_count"],
                link,
                cameo,
                plover,
            ]
            cited = self.evidence(row["citations"]) if evidence else []
            yield Record(row["key"], link, cells, cited)
