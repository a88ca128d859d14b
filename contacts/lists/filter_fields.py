"""Filter fields that name records by number (an outlet, a source), and the filter sets'
way of counting their rows."""

import django_filters as filters
from django import forms
from django.forms.models import ModelChoiceField, ModelChoiceIterator

from ..exports.reading import IdsInOrder
from ..models import Citation, Organisation, OrganisationKind, Source
from .widgets import QuickSelect


class NewsOutletChoices(ModelChoiceIterator):
    """The <select> lists news outlets; any organisation an article names is accepted."""

    def __init__(self, field):
        super().__init__(field)
        self.queryset = self.queryset.filter(kind=OrganisationKind.NEWS_OUTLET)


class OutletField(ModelChoiceField):
    iterator = NewsOutletChoices


class OutletFilter(filters.ModelChoiceFilter):
    field_class = OutletField


def outlet_filter(label):
    return OutletFilter(
        label=label, field_name="outlet", queryset=Organisation.objects.all(), widget=QuickSelect
    )


class AppliedElsewhere:
    """A form field whose value another part of its filter set applies: the bounds of a
    date window (together, by `filters.DateWindow`), the part a participant played (with
    the participant), the search's `expand` switch (by the search). It selects no rows on
    its own."""

    def filter(self, queryset, value):
        return queryset


class WindowBound(AppliedElsewhere, filters.DateFilter):
    pass


class AppliedChoice(AppliedElsewhere, filters.ChoiceFilter):
    pass


class AppliedText(AppliedElsewhere, filters.CharFilter):
    pass


class CountedFilterSet(filters.FilterSet):
    """A filter set that says how its rows are counted (the page's row count, its facets).

    `rows_to_count` selects the same rows as `qs`, possibly in a form cheaper to read in
    full; `count_rows` is set when something cheaper than counting it exists.
    """

    count_rows = None  # count_rows(cap): the rows counted another way, up to cap + 1
    dates_to_chart = None  # the rows' (start, end) dates, most recent first, read another way
    ids_to_sample = None  # the rows' ids, each once, read another way: the facets' sample
    newest_first = None  # the rows' (…, id) newest first, read another way (exports)
    counted_form = None  # set while filtering when `qs` has a form cheaper to read in full
    searched_form = None  # a search's matches, in its index's order (they count, chart)

    def page_rows(self):
        """The rows of the table's page in a form faster to page through than `qs`, or
        None (`qs` itself)."""
        return None

    def export_rows(self, order_by):
        """The rows an export reads in `order_by`, when another way to read them in that
        order exists (one person's contacts, newest first, from their participations)."""
        if self.newest_first is not None and list(order_by) == ["-date"]:
            return IdsInOrder(self.newest_first)
        return None

    @property
    def rows_to_count(self):
        rows = self.qs  # filtering sets counted_form
        return rows if self.counted_form is None else self.counted_form

    def count(self, cap):
        """How many rows the filters select, up to `cap` + 1."""
        if self.count_rows is not None:
            return self.count_rows(cap)
        return self.rows_to_count.order_by().values("pk")[: cap + 1].count()


def describe_source(source):
    """'Title — Outlet, 2020-01-04': how a source is named wherever its number is asked."""
    outlet = source.outlet.name if source.outlet_id else ""
    date = source.published_date.isoformat() if source.published_date else ""
    return " — ".join(filter(None, [source.title, ", ".join(filter(None, [outlet, date]))]))


def source_filter():
    """A source by its number, as every link from the sources list gives it.

    Not a <select>: an archive holds hundreds of thousands of sources. The number is
    checked (an unknown one is reported on the form) and the chosen source is named.
    """
    return filters.ModelChoiceFilter(
        label="Source (number, from the sources list)",
        queryset=Source.objects.select_related("outlet"),
        method="by_source",
        widget=forms.NumberInput(attrs={"min": 1}),
        error_messages={"invalid_choice": "No source has that number; see the sources list."},
    )


class CitedSource:
    """Rows cited by one source (`source=<id>`); the field's label then names the source."""

    cited_field = ""

    def by_source(self, queryset, name, value):
        self.form[name].label = f"Source: {describe_source(value)}"
        cited = Citation.objects.filter(source=value, **{f"{self.cited_field}__isnull": False})
        return queryset.filter(pk__in=cited.values(self.cited_field))
