"""The behaviour every analyst table shares: filters in the URL, bounded pages, exports."""

import re

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import capfirst
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from contacts.exports.copied import database_csv
from contacts.exports.in_sql import copies
from contacts.exports.names import export_filename
from contacts.exports.writers import csv_stream, json_stream, xlsx_workbook
from contacts.lists import timeline
from contacts.lists.facets import count_facets
from contacts.lists.pagination import CappedPaginator
from contacts.models import Contact

EXPORT_PARAM = "_export"
EXPORT_FORMATS = ("csv", "xlsx", "json")
STREAMED_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
SORT_NAME = re.compile(r"-?\w+")  # a column's name, "-" first for descending
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def whole_number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def bounded_int(value, default, low, high):
    number = whole_number(value)
    return default if number is None else min(max(number, low), high)


class AnalystTableView(SingleTableMixin, FilterView):
    """A filterable, sortable, paginated table that exports exactly its filtered rows.

    Invalid filter values are reported on the form and the valid ones still apply
    (strict = False); page size is clamped, because django-tables2 trusts ?per_page.
    """

    strict = False
    export_formats = EXPORT_FORMATS
    template_name = "contacts/table_page.html"
    facets = ()  # contacts.lists.facets.Facet: counted beside the table

    @property
    def page_title(self):  # "Contacts", "People"
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def export_name(self):  # the exported file's name: contacts-….csv
        return str(self.model._meta.verbose_name_plural).replace(" ", "-")

    def get_filterset_kwargs(self, filterset_class):
        """Always bound, if only to no filters: the filter set then prepares the page's
        counting and charting (see `ContactFilter.filter_queryset`) for an empty address too."""
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        filterset.samples_facets = bool(self.facets)  # counting its rows samples them too
        return filterset

    def get_table_data(self):
        faster = self.filterset.page_rows()  # the page's (exports read `filterset.qs`)
        return super().get_table_data() if faster is None else faster

    def get_table_pagination(self, table):
        return False  # paginated in get_table, with bounds the request cannot escape

    def sort_asked(self):
        """The column names `?sort=` asks for, as given ("-date"; "date,kind" is two)."""
        return [name for value in self.request.GET.getlist("sort") for name in value.split(",")]

    def sorted_table(self, data, **kwargs):
        """The table of `data`, sorted as asked: only names a column could have reach
        django-tables2 (it reads "a.b" as a path, and will refuse it), the others are
        reported by `check_sort`."""
        table = self.get_table_class()(data=data, **kwargs)
        table.request = self.request
        if asked := self.sort_asked():
            table.order_by = [name for name in asked if SORT_NAME.fullmatch(name)]
        return table

    def get_table(self, **kwargs):
        table = self.sorted_table(self.get_table_data(), **kwargs)
        self.check_sort(table)
        query = self.request.GET
        per_page = self.page_size(query.get("per_page"))
        paginate = {
            "paginator_class": CappedPaginator,
            "per_page": per_page,
            "count_rows": self.filterset.count,
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

    def page_size(self, asked):
        """Rows per page: `?per_page=` when it is a whole number from 1 to the largest page
        size; else the nearest such size, or the default when it is not a number, said so."""
        largest = settings.TABLE_MAX_PAGE_SIZE
        size = bounded_int(asked, settings.TABLE_PAGE_SIZE, 1, largest)
        if asked not in (None, "") and whole_number(asked) != size:
            self.warn(
                f"Rows per page must be a whole number from 1 to {largest}; "
                f"showing {size} per page."
            )
        return size

    def check_sort(self, table):
        asked = self.sort_asked()
        applied = {name.lstrip("-") for name in table.order_by} if asked else set()
        unknown = [name for name in asked if name.lstrip("-") not in applied]
        if unknown:
            self.warn(
                f"Cannot sort by {', '.join(unknown)!s}; that column does not exist or "
                "cannot be sorted."
            )

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get(EXPORT_PARAM)
        if export_format in EXPORT_FORMATS:
            self.filterset = self.get_filterset(self.get_filterset_class())
            if export_format != "xlsx" or not self.too_many_for_xlsx():
                return self.export(export_format)
            self.warn(
                f"XLSX exports stop at {settings.XLSX_EXPORT_LIMIT:,} rows, and these filters "
                "match more. Export CSV instead (it streams every row), or narrow the filters."
            )
        elif export_format is not None:
            # Only the formats the page offers (whatever else django-tables2 could write).
            self.warn(f"Cannot export as '{export_format}'. Choose CSV, XLSX or JSON.")
        return super().get(request, *args, **kwargs)

    def export(self, export_format):
        """The filtered rows in the asked order, from the table's one row source: CSV and
        JSON streamed as the database yields them, XLSX (capped) built 500 rows at a time."""
        table = self.sorted_table(self.filterset.qs)
        exporter = self.export_rows_class(self.request.build_absolute_uri("/").rstrip("/"))
        part = self.request.GET.get("part") if exporter.has_evidence else None
        part = "evidence" if part == "evidence" else None
        # Only a CSV of the table itself leaves the citations out.
        evidence = not (export_format == "csv" and part is None)
        rows = self.filterset.export_rows(table.order_by) or table.data.data
        records = exporter.records(rows, evidence=evidence)
        if export_format == "xlsx":
            response = HttpResponse(
                xlsx_workbook(self.export_name, exporter, records), content_type=XLSX_TYPE
            )
        else:
            if export_format == "csv" and copies(exporter, part):
                stream = database_csv(exporter, rows)  # the database writes its cells (`copied`)
            else:
                write = csv_stream if export_format == "csv" else json_stream
                stream = write(exporter, records, part)
            response = StreamingHttpResponse(stream, content_type=STREAMED_TYPES[export_format])
        filename = export_filename(
            self.export_name,
            export_format,
            getattr(self.filterset.form, "cleaned_data", {}),
            extra=part or "",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def too_many_for_xlsx(self):
        limit = settings.XLSX_EXPORT_LIMIT
        return self.filterset.qs.order_by().values("pk")[: limit + 1].count() > limit

    def export_links(self):
        """(label, URL) of each export of the rows shown: this page's address with its
        filters and sort, and `_export` (and `part`) set."""
        links = []
        offered = [(f, None) for f in self.export_formats]
        if self.export_rows_class.has_evidence:
            offered.append(("csv", "evidence"))
        for export_format, part in offered:
            query = self.request.GET.copy()
            query.pop("page", None)
            query[EXPORT_PARAM] = export_format
            query.pop("part", None)
            if part:
                query["part"] = part
            label = f"{export_format.upper()} ({part})" if part else export_format.upper()
            links.append((label, f"{self.request.path}?{query.urlencode()}"))
        return links

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
        context["export_links"] = self.export_links()
        if self.object_list.model is Contact:  # contacts per day
            searched = self.filterset.searched_form  # a search's matches, in its index's order
            context["contact_chart"] = timeline.for_contact_list(
                self.object_list if searched is None else searched,
                filters=self.request.GET,
                window=getattr(self.filterset.form, "cleaned_data", {}),
                recent=searched is None,
                dates=self.filterset.dates_to_chart,
            )
        if self.facets:
            context["facets"] = count_facets(
                facets=self.facets,
                rows=self.filterset.rows_to_count,
                ids=self.filterset.ids_to_sample,
                query=self.request.GET,
                paginator=context["table"].paginator,
                chosen=getattr(self.filterset.form, "cleaned_data", {}),
            )
        return context
