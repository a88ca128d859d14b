"""The sources export: one row per article, with how many contacts and statements cite it."""

from contacts.rows import source_rows

from .reading import Record, Rows, from_row_source


class SourceRows(Rows):
    headers = ["Title", "Outlet", "Published", "Language", "Contacts", "Statements", "URL", "Link"]
    written = frozenset({"Published", "Contacts", "Statements", "Link"})

    def records(self, queryset, *, evidence=False):  # no citations of their own
        for row in from_row_source(queryset, source_rows):
            link = self.links.source(row["pk"])
            published = row["published_date"]
            cells = [
                row["title"],
                row["outlet__name"] or "",
                published.isoformat() if published else "",
                row["language"],
                row["contact_count"],
                row["statement_count"],
                row["url"],
                link,
            ]
            yield Record(str(row["pk"]), link, cells)
