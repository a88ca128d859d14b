"""What each analyst table exports: plain-text rows computed in SQL, with their evidence."""

from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat

from .models import Citation, ContactKind, Medium, OfficeHolding, Participant, PersonAlias
from .streaming import joined, quoted, source_description, unique

KIND_LABELS = dict(ContactKind.choices)
MEDIUM_LABELS = dict(Medium.choices)


def iso_dates(start, end):
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def participant_label():
    unnamed = Concat(F("description"), Value(" (unnamed)"), output_field=TextField())
    return Coalesce(F("person__name"), unnamed, output_field=TextField())


class ContactRows:
    headers = [
        "Date",
        "Kind",
        "Initiator",
        "Other participants",
        "Countries",
        "Location",
        "Summary",
        "Number of sources",
        "Source details",
        "Excerpts",
        "Link",
        "CAMEO",
        "PLOVER",
    ]

    def __init__(self, base_url):
        self.base_url = base_url

    def rows(self, queryset):
        citations = Citation.objects.all()
        values = queryset.values_list(
            "pk",
            "date_start",
            "date_end",
            "kind",
            "initiator_label",
            "location",
            "summary",
            "source_count",
            joined(Participant.objects.filter(is_initiator=False), "contact", participant_label()),
            joined(
                Participant.objects.filter(country__isnull=False), "contact", F("country__name")
            ),
            joined(citations, "contact", source_description()),
            joined(citations, "contact", quoted("excerpt")),
        )
        for (
            pk,
            start,
            end,
            kind,
            initiator,
            location,
            summary,
            sources,
            others,
            countries,
            details,
            excerpts,
        ) in values.iterator(chunk_size=2000):
            kind_code = ContactKind(kind)
            yield [
                iso_dates(start, end),
                KIND_LABELS[kind],
                initiator,
                others,
                "; ".join(sorted(set(unique(countries).split("; ")) - {""})),
                location,
                summary,
                sources,
                unique(details),
                excerpts,
                f"{self.base_url}/contacts/{pk}/",
                kind_code.cameo,
                kind_code.plover,
            ]


class StatementRows:
    headers = [
        "Date",
        "Speaker",
        "Text",
        "Medium",
        "Outlet / venue",
        "Contact",
        "Sources",
        "Source details",
        "Excerpts",
        "Link",
    ]

    def __init__(self, base_url):
        self.base_url = base_url

    def rows(self, queryset):
        office = self.office_held()
        citations = Citation.objects.all()
        values = queryset.values_list(
            "pk",
            "date_start",
            "date_end",
            Coalesce(F("speaker__name"), F("speaker_description"), output_field=TextField()),
            Subquery(office),
            "text",
            "is_verbatim",
            "medium",
            F("outlet__name"),
            "venue",
            "contact_id",
            joined(citations, "statement", F("source__title")),
            joined(citations, "statement", source_description()),
            joined(citations, "statement", quoted("excerpt")),
        )
        for (
            pk,
            start,
            end,
            speaker,
            office_title,
            text,
            verbatim,
            medium,
            outlet,
            venue,
            contact_id,
            titles,
            details,
            excerpts,
        ) in values.iterator(chunk_size=2000):
            yield [
                iso_dates(start, end),
                f"{speaker} ({office_title})" if office_title else speaker,
                f"“{text}”" if verbatim else f"{text} [paraphrase]",
                MEDIUM_LABELS[medium],
                ", ".join(filter(None, [outlet, venue])),
                f"{self.base_url}/contacts/{contact_id}/" if contact_id else "",
                unique(titles),
                unique(details),
                excerpts,
                f"{self.base_url}/statements/?key={pk}",
            ]

    @staticmethod
    def office_held():
        """Title and place of the office the speaker held on the statement's date."""
        held = OfficeHolding.objects.filter(person=OuterRef("speaker_id")).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("date_start")),
            Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("date_start")),
        )
        place = Coalesce(
            F("organisation__name"), F("country__name"), Value(""), output_field=TextField()
        )
        label = Concat(F("title"), Value(", "), place, output_field=TextField())
        return held.annotate(label=label).values("label")[:1]


class PersonRows:
    headers = ["Name", "Country", "Offices", "Also known as", "Contacts", "Statements"]

    def __init__(self, base_url):
        self.base_url = base_url

    def rows(self, queryset):
        place = Coalesce(
            F("organisation__name"), F("country__name"), Value(""), output_field=TextField()
        )
        office = Concat(F("title"), Value(", "), place, output_field=TextField())
        values = queryset.values_list(
            "name",
            F("country__name"),
            joined(OfficeHolding.objects.all(), "person", office),
            joined(PersonAlias.objects.all(), "person", F("name")),
            "contact_count",
            "statement_count",
        )
        for name, country, offices, aliases, contacts, statements in values.iterator(2000):
            yield [name, country or "", offices, aliases, contacts, statements]
