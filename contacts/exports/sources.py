"""The sources export: one row per article, with how many contacts and statements cite it."""

from contacts.models import Source
from contacts.source_rows import with_citing_counts

from .reading import Record, Rows, as_text, in_order


class SourceRows(Rows):
    headers = ["Title", "Outlet", "Published", "Language", "Contacts", "Statements", "URL", "Link"]

    def records(self, queryset):
        sources = with_citing_counts(
            Source.objects.annotate(export_published=as_text("published_date"))
        ).values_list(
            "pk",
            "title",
            "outlet__name",
            "export_published",
            "language",
            "contact_count",
            "statement_count",
            "url",
        )
        for pk, title, outlet, published, language, contacts, statements, url in in_order(
            queryset, lambda ids: sources.filter(pk__in=ids)
        ):
            link = self.link(Source(pk=pk))
            cells = [
                title,
                outlet or "",
                published or "",
                language,
                contacts,
                statements,
                url,
                link,
            ]
            yield Record(str(pk), link, cells)
