"""The statements export: one row per statement, its evidence one item per citation."""

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from contacts.aggregates import fields, parse, split
from contacts.models import Contact, Medium, OfficeHolding, Statement

from .reading import Record, Rows, as_text, citations, in_order, iso_dates

MEDIUM_LABELS = dict(Medium.choices)


class StatementRows(Rows):
    headers = [
        "Key",
        "Date",
        "Speaker",
        "Text",
        "Medium",
        "Outlet / venue",
        "Contact",
        "Sources",
        "Link",
    ]
    has_evidence = True

    def records(self, queryset):
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
            "key",
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
        )
        for (
            _pk,
            key,
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
        ) in in_order(queryset, lambda ids: statements.filter(pk__in=ids)):
            speaker = name or description  # as `Statement.speaker_label`
            cited = split(cited)
            link = self.link(Statement(key=key))
            cells = [
                key,
                iso_dates(start, end),
                f"{speaker} ({', '.join(filter(None, parse(office)))})" if office else speaker,
                f"“{text}”" if verbatim else f"{text} [paraphrase]",
                MEDIUM_LABELS[medium],
                ", ".join(filter(None, [outlet, venue])),
                self.link(Contact(pk=contact_id)) if contact_id else "",
                len({row[1] for row in cited}),
                link,
            ]
            yield Record(key, link, cells, self.evidence(cited))
