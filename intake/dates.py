"""Dates as reports write them, resolved against the report's own date.

Weekdays and parts of the day ("on Friday", "late Thursday", "last night", "yesterday")
are resolved here, by a small resolver written for them: a weekday is the latest such day
on or before the report's date. Everything else ("January 3, 2020", "3 janvier 2020") goes
to dateparser with the report's date as its base, preferring the past. A date without a
year, or any relative date in a report with no date of its own, resolves to None.
"""

import calendar
import datetime
import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = [  # (words, days before the report's date)
    (re.compile(r"\b(today|this (morning|afternoon|evening)|tonight|earlier today)\b", re.I), 0),
    (re.compile(r"\b(yesterday|last night)\b", re.I), 1),
]
WEEKDAY = re.compile(
    r"\b(?:(?:on|late|early|last|this past)\s+)*(" + "|".join(WEEKDAYS) + r")(?:\s+(?:morning|"
    r"afternoon|evening|night))?\b",
    re.I,
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
FULL_DATE = re.compile(
    rf"\b(\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}}|(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})\b", re.I
)


MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
MONTH_ONLY = re.compile(
    r"\b(?:(?:early|mid|late|in|since|during|until)[\s-]+)+(" + "|".join(MONTH_NAMES) + r")\b"
    r"(?![\s,]*\d)",
    re.I,
)


MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\s+(\d{4})\b", re.I)


def month_of(name, year):
    month = MONTH_NAMES.index(name.lower()) + 1
    return datetime.date(year, month, 1), datetime.date(
        year, month, calendar.monthrange(year, month)[1]
    )


def month_before(name, reference):
    """(first day, last day) of the latest such month on or before `reference`."""
    month = MONTH_NAMES.index(name.lower()) + 1
    year = reference.year if month <= reference.month else reference.year - 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def weekday_before(name, reference):
    wanted = WEEKDAYS.index(name.lower())
    return reference - datetime.timedelta(days=(reference.weekday() - wanted) % 7)


def full_date(words):
    import dateparser

    parsed = dateparser.parse(
        words, languages=["en"], settings={"PREFER_DATES_FROM": "past", "STRICT_PARSING": True}
    )
    return parsed.date() if parsed else None


def resolve_in(sentence, reference, language):
    """`resolve` for any language: dateparser finds the date words (heute, lundi, сегодня,
    اليوم) and resolves them against the report's date."""
    if language == "en":
        return resolve(sentence, reference)
    from dateparser.search import search_dates

    base = datetime.datetime.combine(reference or datetime.date.today(), datetime.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    try:
        found = search_dates(sentence, languages=[language], settings=settings) or []
    except Exception:  # noqa: BLE001 - dateparser has no rules for this language
        return None, ""
    for words, moment in found:
        day = moment.date()
        if re.search(r"\d{4}", words):
            return day, words
        if reference is None or re.search(r"\d", words):
            return None, words  # no anchor, or a day and month without a year
        if day > reference:
            day -= datetime.timedelta(days=7)
        if day == reference - datetime.timedelta(days=7):
            day = reference  # a weekday is the latest such day on or before the report
        return day, words
    return None, ""


def resolve(sentence, reference):
    """(date or None, the words as written) for the first date a sentence gives."""
    if match := FULL_DATE.search(sentence):
        return full_date(match.group()), match.group()
    if match := MONTH_YEAR.search(sentence):
        return MonthSpan(*month_of(match.group(1), int(match.group(2)))), match.group()
    for pattern, days in RELATIVE:
        if match := pattern.search(sentence):
            if reference is None:
                return None, match.group()
            return reference - datetime.timedelta(days=days), match.group()
    if match := WEEKDAY.search(sentence):
        if reference is None:
            return None, match.group()
        return weekday_before(match.group(1), reference), match.group()
    if match := MONTH_ONLY.search(sentence):
        if reference is None:
            return None, match.group()
        return MonthSpan(*month_before(match.group(1), reference)), match.group()
    return None, ""


class MonthSpan(datetime.date):
    """A month given without a day ("in mid-November"): its first day, with `last`."""

    def __new__(cls, first, last):
        day = super().__new__(cls, first.year, first.month, first.day)
        day.last = last
        return day
