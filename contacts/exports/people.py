"""The people export: one row per person, offices and aliases in one cell each."""

from django.db.models import Value
from django.db.models.functions import Coalesce

from contacts.aggregates import fields, joined, split
from contacts.models import OfficeHolding, Person, PersonAlias

from .reading import Record, Rows, in_order

SEPARATOR = "; "


class PersonRows(Rows):
    headers = ["Name", "Country", "Offices", "Also known as", "Contacts", "Statements", "Link"]

    def records(self, queryset):
        office = fields("pk", "title", Coalesce("organisation__name", "country__name", Value("")))
        people = (
            Person.objects.for_directory()
            .annotate(
                export_offices=joined(OfficeHolding.objects, "person", office),
                export_aliases=joined(PersonAlias.objects, "person", fields("pk", "name")),
            )
            .values_list(
                "pk",
                "slug",
                "name",
                "country__name",
                "export_offices",
                "export_aliases",
                "contact_count",
                "statement_count",
            )
        )
        for _, slug, name, country, offices, aliases, contacts, statements in in_order(
            queryset, lambda ids: people.filter(pk__in=ids)
        ):
            link = self.link(Person(slug=slug))
            cells = [
                name,
                country or "",
                SEPARATOR.join(f"{title}, {place}" for _, title, place in split(offices)),
                SEPARATOR.join(alias for _, alias in split(aliases)),
                contacts,
                statements,
                link,
            ]
            yield Record(slug, link, cells)
