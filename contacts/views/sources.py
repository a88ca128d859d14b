from contacts.exports.sources import SourceRows
from contacts.facets import SOURCE_FACETS
from contacts.filters import SourceFilter
from contacts.models import Source
from contacts.rows import with_citing_counts
from contacts.tables import SourceTable

from .access import ReadOnlyAccess
from .base import AnalystTableView


class SourceListView(ReadOnlyAccess, AnalystTableView):
    """The articles, with how many contacts and statements cite each; their text searchable."""

    permission_required = "contacts.view_source"
    table_class = SourceTable
    filterset_class = SourceFilter
    export_name = "sources"
    export_rows_class = SourceRows
    page_title = "Sources"
    facets = SOURCE_FACETS

    def get_queryset(self):
        return with_citing_counts(Source.objects.all())  # the list sorts by the counts
