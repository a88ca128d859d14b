"""The behaviour every analyst table shares: filters in the URL, bounded pages, exports."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from contacts.exports import SafeTableExport

EXPORT_FORMATS = ("csv", "xlsx", "json")


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

    def get_table_pagination(self, table):
        return False  # paginated in get_table, with bounds the request cannot escape

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        self.check_sort(table)
        query = self.request.GET
        per_page = bounded_int(
            query.get("per_page"), settings.TABLE_PAGE_SIZE, 1, settings.TABLE_MAX_PAGE_SIZE
        )
        try:
            table.paginate(per_page=per_page, page=query.get("page", 1))
        except PageNotAnInteger:
            self.warn("That page number is not a number; showing the first page.")
            table.paginate(per_page=per_page, page=1)
        except EmptyPage:
            last = table.paginator.num_pages
            self.warn(f"There is no page {query.get('page')}; showing the last page ({last}).")
            table.paginate(per_page=per_page, page=last)
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

    def render_to_response(self, context, **kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        if export_format is not None and not self.export_class.is_valid_format(export_format):
            self.warn(f"Cannot export as '{export_format}'. Choose CSV, XLSX or JSON.")
        return super().render_to_response(context, **kwargs)

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
        return context
