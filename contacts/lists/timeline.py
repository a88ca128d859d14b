"""Contacts per day, week or month, for the bar chart above a list: one grouped query.

The database counts the contacts by their dates (GROUP BY start, end); Python lays those
counts over the bars. A contact dated to a range, a month or a year counts on every bar its
dates overlap, as the From/To filters select it, so each bar's link lists exactly the contacts
the bar counts; the part of a bar made of such contacts is drawn lighter.
"""

import calendar
import datetime
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .participation import Participation

NEWEST_FIRST = ("-date_start", "-date_end", "-pk")  # the list's order and its date index's
DAY_LIMIT = 92  # up to about three months: a bar per day
WEEK_LIMIT = 156  # up to three years: a bar per week; beyond: a bar per month
BAR = 10  # width of a bar in the chart's own units (the chart is 100 units high)
GAP = 2
MIN_HEIGHT = 3  # a bar of 1 stays visible next to a bar of 500
MIN_DAYS = 21


@dataclass
class Bar:
    start: datetime.date
    end: datetime.date
    within: int = 0  # contacts dated inside the bar
    spanning: int = 0  # contacts whose dates overlap the bar and run beyond it
    url: str = ""
    label: str = ""
    x: int = 0
    heights: tuple = (0, 0)  # (within, spanning), in chart units

    @property
    def total(self):
        return self.within + self.spanning

    @property
    def rects(self):
        """(part, top, height) of the bar's two parts, the lighter one on top."""
        within, spanning = self.heights
        return [
            (part, 100 - below - height, height)
            for part, below, height in (("within", 0, within), ("spanning", within, spanning))
            if height
        ]


@dataclass
class Timeline:
    unit: str = "day"
    bars: list = field(default_factory=list)
    contacts: int = 0  # contacts counted (each once, however many bars it covers)
    partial: bool = False  # more contacts match than were counted (the most recent were)
    recent: bool = True  # False: the first the query gave were counted (a search's)

    def __bool__(self):
        return bool(self.contacts)

    @property
    def largest(self):
        return max((bar.total for bar in self.bars), default=0)

    @property
    def width(self):
        return len(self.bars) * BAR

    @property
    def first(self):
        return self.bars[0].start if self.bars else None

    @property
    def bars_svg(self):
        """The bars as SVG: a link per bar with contacts, its label as the title. Written
        here rather than in the template: a chart of 156 weeks is 1,000 template lookups."""
        return mark_safe("".join(bar_svg(bar) for bar in self.bars if bar.total))

    @property
    def last(self):
        return self.bars[-1].end if self.bars else None


def bar_svg(bar):
    label = escape(bar.label)
    rects = "".join(
        f'<rect class="{part}" x="{bar.x}" y="{top}" width="8" height="{height}"></rect>'
        for part, top, height in bar.rects
    )
    return (
        f'<a href="{escape(bar.url)}" aria-label="{label}"><title>{label}</title>'
        f'<rect class="hit" x="{bar.x - 1}" y="0" width="10" height="100"></rect>{rects}</a>'
    )


def date_counts(contacts, cap=None, recent=True, dates=None):
    """[(start, end, contacts)] for the `cap` most recent of `contacts` (a queryset), and
    whether there were more: one query reading at most `cap` + 1 rows in date order, at any
    size. `recent=False` takes the first `cap` as the query gives them (a search's matches
    in its index's order, their dates maybe ISO text). `dates`, when given, are the
    contacts' (start, end, id) read another way, in the same order: one person's or
    country's, from their participations, or `NewestDates` read for the row count."""
    cap = cap or settings.TABLE_COUNT_CAP
    if dates is None:
        order = NEWEST_FIRST if recent else ()
        dates = contacts.prefetch_related(None).order_by(*order)
        dates = dates.values_list("date_start", "date_end", "pk")
    if recent:
        return grouped(dates, cap)
    if hasattr(dates, "charted"):  # a search's `FirstMatches`
        rows, more = dates.charted(cap)
    else:
        rows = [(start, end) for start, end, _ in dates[: cap + 1]]
        rows, more = rows[:cap], len(rows) > cap
    counted = Counter(rows).items()
    return [(as_date(start), as_date(end), n) for (start, end), n in counted], more


class NewestDates:
    """A list's rows' (start, end, id), newest first (a values_list queryset), grouped by
    (start, end) in SQL once however often they are asked for: the chart draws the groups,
    and the list's row count is their sum, so a contacts page counts its rows without a
    query of its own."""

    def __init__(self, dates):
        self.dates = dates
        self.read = {}

    def groups(self, cap):
        """[[start, end, contacts, lowest id]] of the first `cap` + 1 rows."""
        if cap not in self.read:
            self.read[cap] = first_groups(self.dates, cap)
        return [list(group) for group in self.read[cap]]

    def count(self, cap):
        """How many rows there are, up to `cap` + 1."""
        return sum(group[2] for group in self.groups(cap))


def first_groups(dates, cap):
    """[[start, end, contacts, lowest id]] of the first `cap` + 1 of `dates`: one query
    that reads at most those rows and sends a few hundred groups to Python."""
    try:
        sql, params = dates[: cap + 1].query.sql_with_params()
    except EmptyResultSet:  # the filters can match nothing
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH d(s, e, k) AS ({sql}) SELECT s, e, COUNT(*), MIN(k) FROM d GROUP BY s, e",
            params,
        )
        return [[as_date(s), as_date(e or s), n, k] for s, e, n, k in cursor.fetchall()]


def grouped(dates, cap):
    """`date_counts` of `dates` ((start, end, id), newest first as the list orders them:
    by start, end, then id, all descending; or `NewestDates`). Past the cap, the row left
    out is the last in that order: of the earliest start and end, the lowest id (each group
    gives its lowest)."""
    groups = (dates if isinstance(dates, NewestDates) else NewestDates(dates)).groups(cap)
    more = sum(group[2] for group in groups) > cap
    if more:
        min(groups, key=lambda group: (group[0], group[1], group[3]))[2] -= 1
    return [(start, end, n) for start, end, n, _ in groups if n], more


def as_date(value):
    """A date as the database gives it in raw SQL (SQLite: ISO text)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def month_after(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def widened(first, last, date_from, date_to):
    """At least MIN_DAYS around a short burst, so that a bar is a day wide, not a screen."""
    missing = MIN_DAYS - (last - first).days - 1
    if missing > 0:
        first = max(first - datetime.timedelta(days=missing // 2), date_from or datetime.date.min)
        last = min(
            last + datetime.timedelta(days=missing - missing // 2), date_to or datetime.date.max
        )
    return first, last


def describe(unit, bar):
    """ "4 Jan 2020: 13 contacts (4 dated only to a longer period)", for a bar's link."""
    if unit == "month":
        when = f"{bar.start:%b %Y}"
    elif bar.start == bar.end:
        when = f"{bar.start.day} {bar.start:%b %Y}"
    else:
        when = f"{bar.start.day} {bar.start:%b %Y} – {bar.end.day} {bar.end:%b %Y}"
    text = f"{when}: {bar.total} contact{'s' if bar.total != 1 else ''}"
    return f"{text} ({bar.spanning} dated only to a longer period)" if bar.spanning else text


def bar_bounds(first, last):
    """The unit and (start, end) of each bar covering `first` to `last`."""
    days = (last - first).days + 1
    if days <= DAY_LIMIT:
        return "day", [(day, day) for day in (first + datetime.timedelta(n) for n in range(days))]
    monday = first - datetime.timedelta(days=first.weekday())
    if days / 7 <= WEEK_LIMIT:
        weeks = range(0, (last - monday).days + 1, 7)
        return "week", [
            (monday + datetime.timedelta(n), monday + datetime.timedelta(n + 6)) for n in weeks
        ]
    bounds, month = [], first.replace(day=1)
    while month <= last:
        end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        bounds.append((month, end))
        month = month_after(month)
    return "month", bounds


def lay_out(unit, bounds, rows, date_from=None, date_to=None):
    """Bars over `bounds` (clipped to the filters' window) holding `rows`' counts."""
    bars = [Bar(max(start, date_from or start), min(end, date_to or end)) for start, end in bounds]
    starts = [bar.start for bar in bars]
    for start, end, n in rows:
        first = max(bisect_right(starts, start) - 1, 0)
        last = bisect_right(starts, end) - 1
        for bar in bars[first : last + 1]:
            if bar.start <= start and end <= bar.end:
                bar.within += n
            elif start <= bar.end and bar.start <= end:
                bar.spanning += n
    largest = max((bar.total for bar in bars), default=0)
    for number, bar in enumerate(bars):
        bar.x = number * BAR + GAP // 2
        total = max(round(100 * bar.total / largest), MIN_HEIGHT) if bar.total else 0
        within = min(max(round(100 * bar.within / largest), 1), total) if bar.within else 0
        bar.heights = (within, total - within)
    return Timeline(unit, bars, sum(n for _, _, n in rows))


def timeline(contacts, *, link, date_from=None, date_to=None, recent=True, dates=None):
    """Contacts per day, week or month over `contacts`' dates (within the filters' window);
    `link(start, end)` gives each bar's address. Past TABLE_COUNT_CAP contacts, the chart
    shows the most recent ones (or, with `recent=False`, the first the query gives) and
    says so. `dates`: as `date_counts`."""
    rows, partial = date_counts(contacts, recent=recent, dates=dates)
    if not rows:
        return Timeline()
    first = max(min(start for start, _, _ in rows), date_from or datetime.date.min)
    last = min(max(end for _, end, _ in rows), date_to or datetime.date.max)
    if last < first:
        return Timeline()
    first, last = widened(first, last, date_from, date_to)
    unit, bounds = bar_bounds(first, last)
    chart = lay_out(unit, bounds, rows, date_from, date_to)
    chart.partial, chart.recent = partial, recent
    for bar in chart.bars:
        bar.url, bar.label = link(bar.start, bar.end), describe(unit, bar)
    return chart


def contacts_link(filters):
    """`link(start, end)`: the contacts list with `filters` (a QueryDict) and those dates.
    The address is encoded once; each bar only appends its two dates."""
    query = filters.copy() if filters else QueryDict(mutable=True)
    for name in ("page", "date_from", "date_to", "_export"):
        query.pop(name, None)
    kept = query.urlencode()
    base = f"{reverse('contact-list')}?{kept}{'&' if kept else ''}"

    def link(start, end):
        return f"{base}date_from={start.isoformat()}&date_to={end.isoformat()}"

    return link


def for_contact_list(contacts, *, filters, window, recent=True, dates=None):
    """The chart above the contacts list: its filtered contacts, each bar keeping the filters.
    `window` is the form's cleaned data (From and To, when valid); `recent` and `dates` as
    `timeline`."""
    return timeline(
        contacts,
        link=contacts_link(filters),
        date_from=window.get("date_from"),
        date_to=window.get("date_to"),
        recent=recent,
        dates=dates,
    )


def for_person(person, participations):
    """The chart on a person's page: their contacts' dates, read from `participations`
    (theirs), each bar linking to the list."""
    filters = QueryDict(mutable=True)
    filters["participant"] = person.slug
    dates = Participation(participations, ("participant",)).newest_first()
    return timeline(None, link=contacts_link(filters), dates=dates)
