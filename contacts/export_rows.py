"""What each analyst table exports: plain-text rows with their evidence, streamed.

Rows come from one ordered query read in chunks; for each chunk, the many-to-many
columns (participants, citations, offices) are fetched in one query per relation and
joined here, so memory stays flat and no query runs per row.
"""

import itertools
from collections import defaultdict

from .models import Citation, ContactKind, Medium, OfficeHolding, Participant, PersonAlias

KIND_LABELS = dict(ContactKind.choices)
MEDIUM_LABELS = dict(Medium.choices)
CHUNK = 2000
SEPARATOR = "; "


def in_chunks(rows, size=CHUNK):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def iso_dates(start, end):
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def grouped(rows):
    """{record id: [rest of row, ...]} from rows that start with the record id."""
    groups = defaultdict(list)
    for record_id, *rest in rows:
        groups[record_id].append(rest)
    return groups


def evidence(citations):
    """(source details, excerpts) as plain text, from (title, outlet, url, excerpt) rows."""
    details = dict.fromkeys(
        " — ".join(filter(None, [title, outlet, url])) for title, outlet, url, _ in citations
    )
    return SEPARATOR.join(details), SEPARATOR.join(f"“{row[3]}”" for row in citations)


def citations_of(field, ids):
    rows = Citation.objects.filter(**{f"{field}__in": ids}).order_by("pk")
    return grouped(
        rows.values_list(field, "source__title", "source__outlet__name", "source__url", "excerpt")
    )


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
        contacts = queryset.values_list(
            "pk",
            "date_start",
            "date_end",
            "kind",
            "initiator_label",
            "location",
            "summary",
            "source_count",
        )
        for chunk in in_chunks(contacts.iterator(chunk_size=CHUNK)):
            ids = [row[0] for row in chunk]
            people = grouped(
                Participant.objects.filter(contact__in=ids)
                .order_by("pk")
                .values_list(
                    "contact", "is_initiator", "person__name", "description", "country__name"
                )
            )
            cited = citations_of("contact", ids)
            for pk, start, end, kind, initiator, location, summary, sources in chunk:
                members = people.get(pk, [])
                others = [
                    name or f"{description} (unnamed)"
                    for is_initiator, name, description, _ in members
                    if not is_initiator
                ]
                countries = sorted({country for *_, country in members if country})
                details, excerpts = evidence(cited.get(pk, []))
                code = ContactKind(kind)
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
                    f"{self.base_url}/contacts/{pk}/",
                    code.cameo,
                    code.plover,
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
        statements = queryset.values_list(
            "pk",
            "date_start",
            "date_end",
            "speaker_id",
            "speaker__name",
            "speaker_description",
            "text",
            "is_verbatim",
            "medium",
            "outlet__name",
            "venue",
            "contact_id",
        )
        for chunk in in_chunks(statements.iterator(chunk_size=CHUNK)):
            offices = grouped(
                OfficeHolding.objects.filter(person__in={row[3] for row in chunk if row[3]})
                .order_by("start_date")
                .values_list(
                    "person",
                    "title",
                    "organisation__name",
                    "country__name",
                    "start_date",
                    "end_date",
                )
            )
            cited = citations_of("statement", [row[0] for row in chunk])
            for (
                pk,
                start,
                end,
                speaker_id,
                name,
                description,
                text,
                verbatim,
                medium,
                outlet,
                venue,
                contact_id,
            ) in chunk:
                office = next(
                    (
                        f"{title}, {org or country or ''}"
                        for title, org, country, begins, ends in offices.get(speaker_id, [])
                        if (begins is None or begins <= start) and (ends is None or ends >= start)
                    ),
                    None,
                )
                speaker = name or description
                details, excerpts = evidence(cited.get(pk, []))
                titles = SEPARATOR.join(dict.fromkeys(row[0] for row in cited.get(pk, [])))
                yield [
                    iso_dates(start, end),
                    f"{speaker} ({office})" if office else speaker,
                    f"“{text}”" if verbatim else f"{text} [paraphrase]",
                    MEDIUM_LABELS[medium],
                    ", ".join(filter(None, [outlet, venue])),
                    f"{self.base_url}/contacts/{contact_id}/" if contact_id else "",
                    titles,
                    details,
                    excerpts,
                    f"{self.base_url}/statements/?key={pk}",
                ]


class PersonRows:
    headers = ["Name", "Country", "Offices", "Also known as", "Contacts", "Statements"]

    def __init__(self, base_url):
        self.base_url = base_url

    def rows(self, queryset):
        people = queryset.values_list(
            "pk", "name", "country__name", "contact_count", "statement_count"
        )
        for chunk in in_chunks(people.iterator(chunk_size=CHUNK)):
            ids = [row[0] for row in chunk]
            offices = grouped(
                OfficeHolding.objects.filter(person__in=ids).values_list(
                    "person", "title", "organisation__name", "country__name"
                )
            )
            aliases = grouped(
                PersonAlias.objects.filter(person__in=ids).values_list("person", "name")
            )
            for pk, name, country, contacts, statements in chunk:
                held = [
                    f"{title}, {org or place or ''}" for title, org, place in offices.get(pk, [])
                ]
                yield [
                    name,
                    country or "",
                    SEPARATOR.join(held),
                    SEPARATOR.join(alias for (alias,) in aliases.get(pk, [])),
                    contacts,
                    statements,
                ]
