"""A date window on a list: From and To, the records whose dates overlap them."""

from django import forms

from ..models.dates import any_spanning_into, overlapping
from .filter_fields import WindowBound

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def window_bounds():
    """The From and To fields of a `DateWindow`."""
    return WindowBound(label="From", widget=DATE_INPUT), WindowBound(label="To", widget=DATE_INPUT)


def refuse_reversed_window(form):
    """A window that ends before it starts holds nothing: its To is refused with the reason
    (the page says so, as it does of any value it cannot use) and From applies alone."""
    start, end = form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")
    if start is not None and end is not None and end < start:
        since = form["date_from"].label
        form.add_error("date_to", f"{end:%Y-%m-%d} is before {since} ({start:%Y-%m-%d}).")


class DateWindow:
    """From and To (`window_bounds()`) select records whose dates overlap the window: one
    condition, applied here for both bounds (each bound's own filter selects nothing)."""

    def filter_queryset(self, queryset):
        return super().filter_queryset(self.window(queryset))

    def window(self, queryset):
        refuse_reversed_window(self.form)
        data = self.form.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start is None and end is None:
            return queryset
        # One look at the small index of spanning records: when none reaches into the
        # window, the condition is a single range and pages come in index order, unsorted.
        spans = start is not None and any_spanning_into(queryset.model, start)
        return queryset.filter(overlapping(start, end, spans=spans))
