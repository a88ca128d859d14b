"""The people export: one row per person, offices and aliases in one cell each."""

from contacts.rows import person_rows

from .reading import Record, Rows, from_row_source

SEPARATOR = "; "


class PersonRows(Rows):
    headers = ["Name", "Country", "Offices", "Also known as", "Contacts", "Statements", "Link"]
    written = frozenset({"Contacts", "Statements", "Link"})

    def records(self, queryset, *, evidence=False):  # no citations of their own
        for row in from_row_source(queryset, person_rows):
            link = self.links.person(row["slug"])
            cells = [
                row["name"],
                row["country__name"] or "",
                SEPARATOR.join(row["offices"]),
                SEPARATOR.join(row["aliases"]),
                row["contact_count"],
                row["statement_count"],
                link,
            ]
            yield Record(row["slug"], link, cells)
