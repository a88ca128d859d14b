"""The behaviour every analyst table shares: filters in the URL, bounded pages, exports."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpResponse, StreamingHttpResponse
from django.views.generic.base import TemplateResponseMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin, TableExport

from contacts import timeline
from contacts.exports import SafeTableExport, xlsx_workbook
from contacts.facets import count_facets
from contacts.models import Contact
from contacts.pagination import CappedPaginator
from contacts.streaming import stream

EXPORT_FORMATS = ("csv", "xlsx", "json")
STREAMED_FORMATS = ("csv", "json")


def bounded_int(value, default, low, high):
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


class AnalystTableView(ExportMixin, SingleTableMixin, FilterView):
    """A filterable, sortable, paginated table that exports exactly its filtered rows.

    Invalid filter values are reported on the form and the valid ones still apply
    (strict = False); page size is clamped, because django-tables2 trusts ?per_page.
    """

    strict = False
    export_class = SafeTableExport
    export_formats = EXPORT_FORMATS
    template_name = "contacts/table_page.html"
    page_title = ""
    facets = ()  # contacts.facets.Facet: counted beside the table

    def get_table_pagination(self, table):
        return False  # paginated in get_table, with bounds the request cannot escape

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        self.check_sort(table)
        query = self.request.GET
        per_page = bounded_int(
            query.get("per_page"), settings.TABLE_PAGE_SIZE, 1, settings.TABLE_MAX_PAGE_SIZE
        )
        paginate = {
            "paginator_class": CappedPaginator,
            "per_page": per_page,
            "count_rows": getattr(self.filterset, "count_rows", None),
        }
        try:
            table.paginate(page=query.get("page", 1), **paginate)
        except PageNotAnInteger:
            self.warn("That page number is not a number; showing the first page.")
            table.paginate(page=1, **paginate)
        except EmptyPage:
            last = table.paginator.num_pages
            if table.paginator.capped:
                self.warn(
                    f"Only the first {table.paginator.count:,} rows can be paged through; "
                    f"showing page {last}. Narrow the filters to reach the others."
                )
            else:
                self.warn(f"There is no page {query.get('page')}; showing the last page ({last}).")
            table.paginate(page=last, **paginate)
        return table

    def check_sort(self, table):
        asked = [name for value in self.request.GET.getlist("sort") for name in value.split(",")]
        applied = {name.lstrip("-") for name in table.order_by} if asked else set()
        unknown = [name for name in asked if name.lstrip("-") not in applied]
        if unknown:
            self.warn(
                f"Cannot sort by {', '.join(unknown)!s}; that column does not exist or "
                "cannot be sorted."
            )

    @property
    def exporting(self):
        return self.request.GET.get(self.export_trigger_param) is not None

    def get(self, request, *args, **kwargs):
        if request.GET.get(self.export_trigger_param) in STREAMED_FORMATS:
            return self.streamed_export(request.GET[self.export_trigger_param])
        return super().get(request, *args, **kwargs)

    def streamed_export(self, export_format):
        """CSV or JSON written row by row as the database yields it, whatever the size."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        response = StreamingHttpResponse(
            stream(export_format, *self.export_rows()),
            content_type=TableExport.FORMATS[export_format],
        )
        return self.attachment(response, export_format)

    def xlsx_export(self):
        """XLSX from the rows CSV and JSON stream (500 read at a time), not from the table's
        rows: those prefetch over every row at once, which SQLite refuses past 1,000
        organisations ("Expression tree is too large")."""
        response = HttpResponse(
            xlsx_workbook(self.export_name, *self.export_rows()),
            content_type=TableExport.FORMATS[TableExport.XLSX],
        )
        return self.attachment(response, TableExport.XLSX)

    def export_rows(self):
        """Headers, and the filtered rows in the asked order, read lazily."""
        table = self.get_table_class()(data=self.filterset.qs)
        table.order_by = self.request.GET.getlist("sort") or table._meta.order_by
        exporter = self.export_rows_class(self.request.build_absolute_uri("/").rstrip("/"))
        return exporter.headers, exporter.rows(table.data.data)

    def attachment(self, response, export_format):
        filename = self.get_export_filename(export_format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def render_to_response(self, context, **kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        if export_format == TableExport.XLSX and self.too_many_for_xlsx():
            self.warn(
                f"XLSX exports stop at {settings.XLSX_EXPORT_LIMIT:,} rows, and these filters "
                "match more. Export CSV instead (it streams every row), or narrow the filters."
            )
            return TemplateResponseMixin.render_to_response(self, context, **kwargs)
        if export_format is not None and export_format not in self.export_formats:
            # Only the formats the page offers: django-tables2 would also write TSV, LaTeX,
            # XLS, ODS or YAML, neither streamed, capped nor neutralised (or fail with a 500).
            self.warn(f"Cannot export as '{export_format}'. Choose CSV, XLSX or JSON.")
            return TemplateResponseMixin.render_to_response(self, context, **kwargs)
        if export_format == TableExport.XLSX:
            return self.xlsx_export()
        return super().render_to_response(context, **kwargs)

    def too_many_for_xlsx(self):
        limit = settings.XLSX_EXPORT_LIMIT
        return self.object_list.order_by().values("pk")[: limit + 1].count() > limit

    def get_export_filename(self, export_format):
        return f"{self.export_name}.{export_format}"

    def warn(self, text):
        if text not in self.warnings:
            self.warnings.append(text)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.warnings = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title
        context["warnings"] = self.warnings
        context["export_formats"] = self.export_formats
        if self.object_list.model is Contact and not self.exporting:  # contacts per day
            context["contact_chart"] = timeline.for_contact_list(
                self.object_list,
                filters=self.request.GET,
                window=getattr(self.filterset.form, "cleaned_data", {}),
            )
        if self.facets and not self.exporting:
            context["facets"] = count_facets(
                facets=self.facets,
                rows=self.object_list,
                query=self.request.GET,
                paginator=context["table"].paginator,
                chosen=getattr(self.filterset.form, "cleaned_data", {}),
            )
        return context
