"""What each analyst table exports: plain-text rows with their evidence, streamed.

The filtered, sorted ids stream from one narrow query (a sort never carries whole rows);
each chunk of 500 ids is then read in one query whose many-to-many columns (participants,
citations, offices, aliases) are aggregated in SQL by correlated subqueries
(`contacts.aggregates`). Memory stays flat, no query runs per row, and the first rows go
out as soon as the first chunk is read.
"""

from contextlib import nullcontext
from itertools import islice

from django.db import connection, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from .aggregates import TRUE_TEXT, fields, joined, parse, split
from .models import (
    Citation,
    Contact,
    ContactKind,
    Medium,
    OfficeHolding,
    Participant,
    Person,
    PersonAlias,
    Statement,
)

KIND_LABELS = dict(ContactKind.choices)
KIND_CODES = {kind: (kind.cameo, kind.plover) for kind in ContactKind}
MEDIUM_LABELS = dict(Medium.choices)
CHUNK = 500  # rows per read
FIRST_CHUNK = 50
SEPARATOR = "; "


def in_order(queryset, read):
    """Rows of `read(ids)` (first column: the id) in `queryset`'s order, a chunk at a time.

    The first chunk is small, so that the first bytes leave before a full chunk is read.
    On PostgreSQL the export is one read-only transaction: one consistent snapshot, and a
    cursor that streams (outside a transaction Django declares it WITH HOLD, and PostgreSQL
    then computes every id before the first). SQLite's transactions here take the write
    lock, so there each statement keeps its own snapshot.
    """
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic() if postgresql else nullcontext():
        if postgresql:  # plan the id cursor for its first rows, as a stream
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 0.01")
        ids = queryset.values_list("pk", flat=True).iterator(chunk_size=CHUNK)
        size = FIRST_CHUNK
        while chunk := list(islice(ids, size)):
            rows = {row[0]: row for row in read(chunk).order_by()}
            yield from (rows[pk] for pk in chunk if pk in rows)
            size = CHUNK


def iso_dates(start, end):
    return start if start == end else f"{start}/{end}"


def citations(record):
    """Each citation of the outer `record` as id, title, outlet, URL, excerpt."""
    return joined(
        Citation.objects,
        record,
        fields("pk", "source__title", "source__outlet__name", "source__url", "excerpt"),
    )


def evidence(cited):
    """(source details, excerpts) as plain text, from split citation rows."""
    details = dict.fromkeys(
        " — ".join(filter(None, [title, outlet, url])) for _, title, outlet, url, _ in cited
    )
    return SEPARATOR.join(details), SEPARATOR.join(f"“{row[4]}”" for row in cited)


def as_text(field):
    return Cast(field, CharField())


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
        people = fields("pk", "is_initiator", "person__name", "description", "country__name")
        contacts = Contact.objects.annotate(
            export_start=as_text("date_start"),
            export_end=as_text("date_end"),
            export_people=joined(Participant.objects, "contact", people),
            export_citations=citations("contact"),
        ).values_list(
            "pk",
            "export_start",
            "export_end",
            "kind",
            "initiator_label",
            "location",
            "summary",
            "source_count",
            "export_people",
            "export_citations",
        )
        link = f"{self.base_url}/contacts/"
        for (
            pk,
            start,
            end,
            kind,
            initiator,
            location,
            summary,
            sources,
            members,
            cited,
        ) in in_order(queryset, lambda ids: contacts.filter(pk__in=ids)):
            members = split(members)
            others = [
                name or f"{description} (unnamed)"
                for _, flag, name, description, _ in members
                if flag not in TRUE_TEXT
            ]
            countries = sorted({row[4] for row in members if row[4]})
            details, excerpts = evidence(split(cited))
            cameo, plover = KIND_CODES[kind]
            yield [
                iso_dates(start, end),
                KIND_LABELS[kind],
                initiator,
                SEPARATOR.join(others),
                SEPARATOR.join(countries),
                location,
                summary,
                sources,
                details,
                excerpts,
                f"{link}{pk}/",
                cameo,
                plover,
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
        held = (
            OfficeHolding.objects.filter(person=OuterRef("speaker"))
            .exclude(start_date__gt=OuterRef("date_start"))
            .exclude(end_date__lt=OuterRef("date_start"))
        )
        office = held.order_by("start_date").annotate(
            label=fields("title", Coalesce("organisation__name", "country__name", Value("")))
        )
        statements = Statement.objects.annotate(
            export_start=as_text("date_start"),
            export_end=as_text("date_end"),
            export_office=Subquery(office.values("label")[:1]),
            export_citations=citations("statement"),
        ).values_list(
            "pk",
            "export_start",
            "export_end",
            "speaker__name",
            "speaker_description",
            "export_office",
            "text",
            "is_verbatim",
            "medium",
            "outlet__name",
            "venue",
            "contact_id",
            "export_citations",
            "key",
        )
        for (
            _pk,
            start,
            end,
            name,
            description,
            office,
            text,
            verbatim,
            medium,
            outlet,
            venue,
            contact_id,
            cited,
            key,
        ) in in_order(queryset, lambda ids: statements.filter(pk__in=ids)):
            speaker = name or description
            cited = split(cited)
            details, excerpts = evidence(cited)
            yield [
                iso_dates(start, end),
                f"{speaker} ({', '.join(filter(None, parse(office)))})" if office else speaker,
                f"“{text}”" if verbatim else f"{text} [paraphrase]",
                MEDIUM_LABELS[medium],
                ", ".join(filter(None, [outlet, venue])),
                f"{self.base_url}/contacts/{contact_id}/" if contact_id else "",
                SEPARATOR.join(dict.fromkeys(row[1] for row in cited)),
                details,
                excerpts,
                f"{self.base_url}/statements/{key}/",
            ]


class PersonRows:
    headers = ["Name", "Country", "Offices", "Also known as", "Contacts", "Statements"]

    def __init__(self, base_url):
        self.base_url = base_url

    def rows(self, queryset):
        office = fields("pk", "title", Coalesce("organisation__name", "country__name", Value("")))
        people = (
            Person.objects.for_directory()
            .annotate(
                export_offices=joined(OfficeHolding.objects, "person", office),
                export_aliases=joined(PersonAlias.objects, "person", fields("pk", "name")),
            )
            .values_list(
                "pk",
                "name",
                "country__name",
                "export_offices",
                "export_aliases",
                "contact_count",
                "statement_count",
            )
        )
        for _, name, country, offices, aliases, contacts, statements in in_order(
            queryset, lambda ids: people.filter(pk__in=ids)
        ):
            yield [
                name,
                country or "",
                SEPARATOR.join(f"{title}, {place}" for _, title, place in split(offices)),
                SEPARATOR.join(alias for _, alias in split(aliases)),
                contacts,
                statements,
            ]
