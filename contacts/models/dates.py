"""Dates as reports give them: a day, a month, a year, or a range."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.lookups import LessThan

from .base import EditedRecord


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    RANGE = "range", "Between two dates"


def period_end(start, precision):
    """The last day covered by a date of the given precision."""
    if precision == DatePrecision.MONTH:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == DatePrecision.YEAR:
        return start.replace(month=12, day=31)
    return start


def period_start(start, precision):
    if precision == DatePrecision.MONTH:
        return start.replace(day=1)
    if precision == DatePrecision.YEAR:
        return start.replace(month=1, day=1)
    return start


def format_date(start, end, precision):
    if start is None:
        return "Unknown"
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision == DatePrecision.MONTH:
        return start.strftime("%b %Y")
    day = f"{start.day} {start:%b %Y}"
    if precision == DatePrecision.RANGE and end and end != start:
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    return day


WEEKDAYS = [day.lower() for day in calendar.day_name]


def resolve_weekday(words, reference):
    """Resolve "on Friday" to the latest such weekday on or before `reference`."""
    wanted = next((i for i, name in enumerate(WEEKDAYS) if name in words.lower()), None)
    if wanted is None:
        raise ValueError(f"No weekday named in {words!r}")
    return reference - datetime.timedelta(days=(reference.weekday() - wanted) % 7)


# Records that run over more than one day (months, years, ranges): few, so their index is small.
SPANNING = Q(date_end__gt=F("date_start"))


class Unindexed(Func):
    """A column SQLite's planner will not use an index for (unary +), to steer its choice."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


def spanning_into(start):
    """Records that begin before `start` and run into it (served by the partial index)."""
    return SPANNING & Q(LessThan(Unindexed(F("date_start")), start)) & Q(date_end__gte=start)


def any_spanning_into(model, start):
    """Whether any record of `model` spans into `start`, read from its partial index of
    spanning records. Ordered by that index's key: PostgreSQL guesses that a third of all
    records span (a column compared with a column) and, asked only whether one exists,
    would rather walk every earlier record in the dates' index (29 ms at 1M contacts)."""
    first = model.objects.filter(spanning_into(start)).order_by("date_end").values("pk")[:1]
    return bool(list(first))


def overlapping(start=None, end=None, spans=True):
    """Records whose dates overlap [start, end] (either bound may be None).

    Written as "starts inside the window, or spans into it from before", so that each side
    has its index: (…, date_start) for the first, the small partial index on spanning
    records for the second. The textbook `date_start <= end AND date_end >= start` can only
    range over one bound and reads every record on the other side of it. `spans=False`,
    when no record spans into the window, leaves one range, which the index also reads
    in date order.
    """
    if start is None:
        return Q(date_start__lte=end) if end is not None else Q()
    inside = Q(date_start__gte=start, date_start__lte=end) if end else Q(date_start__gte=start)
    return inside | spanning_into(start) if spans else inside


DATE_CONSTRAINTS = [
    models.CheckConstraint(
        condition=Q(date_end__gte=F("date_start")),
        name="%(app_label)s_%(class)s_date_end_after_start",
        violation_error_message="The date range ends before it starts.",
    ),
]


class DatedRecord(EditedRecord):
    """A record whose date is known to a day, month, year or range."""

    # No single-column index: each subclass has composite indexes that lead with date_start.
    date_start = models.DateField("date (from)")
    date_end = models.DateField(
        "date (to)", blank=True, help_text="Only for a range; filled in for other precisions."
    )
    date_precision = models.CharField(
        "date precision", max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    class Meta:
        abstract = True

    @property
    def date_display(self):
        return format_date(self.date_start, self.date_end, self.date_precision)

    def fill_derived_fields(self):
        if self.date_start and self.date_precision != DatePrecision.RANGE:
            self.date_start = period_start(self.date_start, self.date_precision)
            self.date_end = period_end(self.date_start, self.date_precision)

    def clean(self):
        super().clean()
        self.fill_derived_fields()
        if self.date_precision == DatePrecision.RANGE:
            if not self.date_end:
                raise ValidationError({"date_end": "A range needs its last day."})
            if self.date_start and self.date_end < self.date_start:
                raise ValidationError({"date_end": "The range ends before it starts."})
