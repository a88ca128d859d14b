from contacts.exports.sources import SourceRows
from contacts.lists.facets import SOURCE_FACETS
from contacts.lists.filters import SourceFilter
from contacts.models import Source
from contacts.rows import with_citing_counts
from contacts.tables import SourceTable

from .access import ReadOnlyAccess
from .base import AnalystTableView


class SourceListView(ReadOnlyAccess, AnalystTableView):
    """The articles, with how many contacts and statements cite each; their text searchable."""

    model, table_class, filterset_class = Source, SourceTable, SourceFilter
    export_rows_class, facets = SourceRows, SOURCE_FACETS

    def get_queryset(self):
        return with_citing_counts(Source.objects.all())  # the list sorts by the counts
