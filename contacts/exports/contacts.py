"""The contacts export: one row per contact, its evidence one item per citation."""

from django.db.models import Value
from django.db.models.functions import Coalesce

from contacts.aggregates import TRUE_TEXT, fields, joined, split
from contacts.models import Certainty, Contact, ContactKind, Participant

from .reading import Record, Rows, as_text, citations, in_order, iso_dates

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

    def records(self, queryset):
        # Participants are labelled by the query the person page uses (`initiator_name`,
        # `recipient_names`): an unnamed counterpart reads "his French counterpart (unnamed)".
        countries = fields("pk", Coalesce("country__name", Value("")))
        contacts = (
            Contact.objects.with_participant_labels()
            .annotate(
                export_start=as_text("date_start"),
                export_end=as_text("date_end"),
                export_countries=joined(Participant.objects, "contact", countries),
                export_citations=citations("contact"),
            )
            .values_list(
                "pk",
                "key",
                "export_start",
                "export_end",
                "kind",
                "initiator_certainty",
                "location",
                "summary",
                "source_count",
                "participant_labels",
                "export_countries",
                "export_citations",
            )
        )
        for (
            pk,
            key,
            start,
            end,
            kind,
            certainty,
            location,
            summary,
            sources,
            labels,
            places,
            cited,
        ) in in_order(queryset, lambda ids: contacts.filter(pk__in=ids)):
            labels = split(labels)
            initiator = next((label for _, flag, label in labels if flag in TRUE_TEXT), "")
            others = [label for _, flag, label in labels if flag not in TRUE_TEXT]
            link = self.link(Contact(pk=pk))
            cameo, plover = KIND_CODES[kind]
            cells = [
                key,
                iso_dates(start, end),
                KIND_LABELS[kind],
                initiator,
                CERTAINTY_LABELS[certainty],
                SEPARATOR.join(others),
                SEPARATOR.join(sorted({name for _, name in split(places) if name})),
                location,
                summary,
                sources,
                link,
                cameo,
                plover,
            ]
            yield Record(key, link, cells, self.evidence(split(cited)))
