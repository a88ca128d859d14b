"""Filter fields that name records (a country or an outlet from a list, a source by
number), and the filter sets' way of counting their rows."""

import django_filters as filters
from django import forms
from django.conf import settings
from django.db.models import F, Value
from django.http import QueryDict
from django_filters import fields

from ..exports.reading import IdsInOrder
from ..models import Citation, Country, Organisation, OrganisationKind, Source
from .pagination import count_and_sample
from .rendering import QUICK_RENDERER
from .suggested import SuggestedNames
from .widgets import QuickSelect


class ListedChoices(fields.ModelChoiceIterator):
    """The options of a `ListedChoiceField`, from its one read of its rows."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        if field.null_label is not None:  # django-filter's "none" choice, when asked for
            yield (field.null_value, field.null_label)
        for row in field.listed():
            yield self.choice(row)

    def __len__(self):
        field = self.field
        extra = (field.empty_label is not None) + (field.null_label is not None)
        return len(field.listed()) + extra

    def __bool__(self):
        return bool(self.__len__())


class ListedChoiceField(fields.ModelChoiceField):
    """A <select> of a short table's rows (countries, outlets), read once per form: the same
    rows render the options and check the chosen value, one query where Django makes two.
    A value not listed is looked up as Django does (and refused if there is none). The
    lists of one form are read together (`read_together`)."""

    iterator = ListedChoices
    rows = None
    together = ()  # the form's listed fields, this one among them (`CountedFilterSet.form`)

    def listing(self, queryset):
        return queryset

    def listed(self):
        if self.rows is None:
            if len(self.together) > 1:
                read_together(self.together)
            else:
                self.rows = list(self.listing(self.queryset))
        return self.rows

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.rows, copied.together = None, ()  # each form reads its own
        return copied

    def to_python(self, value):
        if value not in self.empty_values:
            key = self.to_field_name or "pk"
            if isinstance(value, self.queryset.model):
                value = getattr(value, key)
            text = str(value)
            listed = next((row for row in self.listed() if str(getattr(row, key)) == text), None)
            if listed is not None:
                return listed
        return super().to_python(value)


# The columns a listed row is read with: what its option and its uses need (`__str__`, the
# export's file name, a facet's name); the others are deferred, as `only()` leaves them.
LISTED_COLUMNS = {Country: ("code", "name"), Organisation: ("name", "abbreviation")}


def read_together(fields):
    """Every field's rows, in its model's order, in one query (UNION ALL)."""
    parts = []
    for number, field in enumerate(fields):
        first, second = LISTED_COLUMNS[field.queryset.model]
        rows = field.listing(field.queryset).order_by()
        rows = rows.annotate(list_number=Value(number), sort=F("name"))
        parts.append(rows.values_list("list_number", "pk", first, second, "sort"))
    rows = [[] for _ in fields]
    made = [row_maker(field.queryset) for field in fields]
    together = parts[0].union(*parts[1:], all=True).order_by("list_number", "sort", "pk")
    for number, *values in together:
        rows[number].append(made[number](values))
    for field, listed in zip(fields, rows, strict=True):
        field.rows = listed


def row_maker(queryset):
    """values (id, first, second listed column) -> a model instance with those fields, the
    others deferred; the field names put in the model's order once, not once a row."""
    model = queryset.model
    read = ["id", *LISTED_COLUMNS[model]]
    names = [f.attname for f in model._meta.concrete_fields if f.attname in read]
    order = [read.index(name) for name in names]
    return lambda values: model.from_db(queryset.db, names, [values[i] for i in order])


class OutletField(ListedChoiceField):
    """The <select> lists news outlets; any organisation an article names is accepted."""

    def listing(self, queryset):
        return queryset.filter(kind=OrganisationKind.NEWS_OUTLET)


class ListedChoiceFilter(filters.ModelChoiceFilter):
    field_class = ListedChoiceField


class OutletFilter(filters.ModelChoiceFilter):
    field_class = OutletField


def outlet_filter(label):
    return OutletFilter(
        label=label, field_name="outlet", queryset=Organisation.objects.all(), widget=QuickSelect
    )


def country_filter(**options):
    """A <select> of every country (`ListedChoiceField`)."""
    return ListedChoiceFilter(queryset=Country.objects.all(), widget=QuickSelect, **options)


class AppliedElsewhere:
    """A form field whose value another part of its filter set applies: the bounds of a
    date window (together, by `windows.DateWindow`), the part a participant played (with
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


class CountedFilterSet(SuggestedNames, filters.FilterSet):
    """A filter set that says how its rows are counted (the page's row count, its facets).

    `rows_to_count` selects the same rows as `qs`, possibly in a form cheaper to read in
    full; `count_rows` is set when something cheaper than counting it exists.
    """

    count_rows = None  # count_rows(cap): the rows counted another way, up to cap + 1
    samples_facets = False  # set by a view with facets: counting its rows samples them too
    dates_to_chart = None  # the rows' (start, end) dates, most recent first, read another way
    ids_to_sample = None  # the rows' ids, each once, read another way: the facets' sample
    newest_first = None  # the rows' (…, id) newest first, read another way (exports)
    counted_form = None  # set while filtering when `qs` has a form cheaper to read in full
    searched_form = None  # a search's matches, in its index's order (they count, chart)

    @property
    def form(self):
        """The form, its listed choices (countries, outlets) read together, in one query, its
        widgets written in Python (`QuickRenderer`)."""
        form = super().form
        form.renderer = QUICK_RENDERER
        listed = [f for f in form.fields.values() if isinstance(f, ListedChoiceField)]
        if all(f.queryset.model in LISTED_COLUMNS for f in listed):
            for field in listed:
                field.together = listed
        return form

    def parameters_but(self, *left_out, relevance=True):
        """The list's parameters but `left_out` (and a sort by relevance, unless
        `relevance`), to link to the same list otherwise filtered."""
        kept = QueryDict(mutable=True)
        data = self.data
        pairs = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
        for key, values in pairs:
            if key not in left_out:
                dropped = key == "sort" and not relevance
                kept.setlist(key, [v for v in values if not (dropped and "relevance" in v)])
        return kept

    def page_rows(self):
        """The rows of the table's page in a form faster to page through than `qs`, or
        None (`qs` itself)."""
        return None

    def export_rows(self, order_by):
        """The rows an export reads in `order_by`, when another way to read them in that
        order exists (one person's contacts, newest first, from their participations)."""
        if self.newest_first is not None and list(order_by) == ["-date"]:
            return IdsInOrder(self.newest_first.values_list("contact_id", flat=True))
        return None

    @property
    def rows_to_count(self):
        rows = self.qs  # filtering sets counted_form
        return rows if self.counted_form is None else self.counted_form

    def count(self, cap):
        """How many rows the filters select, up to `cap` + 1 (a list with facets whose rows
        are filtered keeps the first of them as the facets' sample)."""
        if self.count_rows is not None:
            return self.count_rows(cap)
        rows = self.rows_to_count
        if self.samples_facets and self.ids_to_sample is None and rows.query.where:
            found, self.ids_to_sample = count_and_sample(rows, cap, settings.FACET_SAMPLE + 1)
            return found
        return rows.order_by().values("pk")[: cap + 1].count()


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
