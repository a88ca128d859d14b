"""Contacts per day, week or month: counted in one query, each bar a link to its contacts."""

import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.lists import timeline
from contacts.models import Citation, Contact, DatePrecision
from tests.factories import PersonFactory, SourceFactory, StatementFactory, make_contact

pytestmark = pytest.mark.django_db


def day(text):
    return datetime.date.fromisoformat(text)


def listed(client, url):
    return {row.record for row in client.get(url).context["table"].page.object_list}


def bars_with_contacts(chart):
    return {bar.start.isoformat(): (bar.within, bar.spanning) for bar in chart.bars if bar.total}


@pytest.fixture
def week(db):
    """Three calls on 3 January, one on the 5th, and one dated only to 3-5 January."""
    pompeo, raab = PersonFactory(slug="mike-pompeo"), PersonFactory(slug="dominic-raab")
    calls = [make_contact(pompeo, raab, initiator=pompeo) for _ in range(3)]
    later = make_contact(pompeo, raab, date_start=day("2020-01-05"), kind="visit")
    spanning = make_contact(
        pompeo,
        raab,
        date_start=day("2020-01-03"),
        date_end=day("2020-01-05"),
        date_precision=DatePrecision.RANGE,
    )
    return pompeo, raab, calls, later, spanning


def test_contacts_are_counted_per_day_in_one_query(week, django_assert_num_queries):
    with django_assert_num_queries(1):
        chart = timeline.timeline(Contact.objects.all(), link=lambda start, end: "")
    assert chart.unit == "day" and chart.contacts == 5
    assert bars_with_contacts(chart) == {
        "2020-01-03": (3, 1),
        "2020-01-04": (0, 1),
        "2020-01-05": (1, 1),
    }


def test_a_few_busy_days_are_shown_among_three_weeks(week):
    chart = timeline.timeline(Contact.objects.all(), link=lambda start, end: "")
    assert len(chart.bars) == timeline.MIN_DAYS
    assert chart.first < day("2020-01-03") and chart.last > day("2020-01-05")


def test_a_long_period_is_counted_per_week(db):
    a, b = PersonFactory(), PersonFactory()
    make_contact(a, b, date_start=day("2020-01-01"))  # a Wednesday
    make_contact(a, b, date_start=day("2020-01-03"))
    make_contact(a, b, date_start=day("2020-12-31"))
    chart = timeline.timeline(Contact.objects.all(), link=lambda start, end: "")
    assert chart.unit == "week"
    assert bars_with_contacts(chart) == {"2019-12-30": (2, 0), "2020-12-28": (1, 0)}
    assert chart.bars[0].end == day("2020-01-05")


def test_several_years_are_counted_per_month(db):
    a, b = PersonFactory(), PersonFactory()
    make_contact(a, b, date_start=day("2015-03-10"))
    make_contact(a, b, date_start=day("2020-01-03"), date_precision=DatePrecision.YEAR)
    chart = timeline.timeline(Contact.objects.all(), link=lambda start, end: "")
    assert chart.unit == "month"
    counts = bars_with_contacts(chart)
    assert counts["2015-03-01"] == (1, 0)
    assert counts["2020-01-01"] == counts["2020-12-01"] == (0, 1)  # a year, on every month


def test_each_bar_links_to_exactly_the_contacts_it_counts(analyst_client, week):
    pompeo, raab, calls, later, spanning = week
    chart = analyst_client.get(reverse("contact-list")).context["contact_chart"]
    bars = {bar.start.isoformat(): bar for bar in chart.bars}
    assert listed(analyst_client, bars["2020-01-03"].url) == {*calls, spanning}
    assert listed(analyst_client, bars["2020-01-04"].url) == {spanning}
    assert listed(analyst_client, bars["2020-01-05"].url) == {later, spanning}


def test_bars_keep_the_current_filters(analyst_client, week):
    pompeo, raab, calls, later, spanning = week
    response = analyst_client.get(reverse("contact-list"), {"kind": "visit", "page": "1"})
    chart = response.context["contact_chart"]
    assert bars_with_contacts(chart) == {"2020-01-05": (1, 0)}
    url = next(bar.url for bar in chart.bars if bar.total)
    assert "kind=visit" in url and "page=" not in url
    assert listed(analyst_client, url) == {later}


def test_bars_stay_inside_the_from_and_to_dates(analyst_client, week):
    response = analyst_client.get(
        reverse("contact-list"), {"date_from": "2020-01-04", "date_to": "2020-01-05"}
    )
    chart = response.context["contact_chart"]
    assert (chart.first, chart.last) == (day("2020-01-04"), day("2020-01-05"))
    assert bars_with_contacts(chart) == {"2020-01-04": (0, 1), "2020-01-05": (1, 1)}


def test_the_contacts_page_draws_the_bars_as_links(analyst_client, week):
    text = analyst_client.get(reverse("contact-list")).text
    links = re.findall(r'<a href="(/contacts/\?[^"]*)" aria-label="([^"]*)">', text)
    assert ("/contacts/?date_from=2020-01-03&amp;date_to=2020-01-03") in [u for u, _ in links]
    assert "3 Jan 2020: 4 contacts (1 dated only to a longer period)" in [t for _, t in links]
    assert 'class="timeline-chart"' in text and " style=" not in text


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url, counted", [(reverse("contact-list") + "?kind=phone_call", 4), ("person", 5)]
)
def test_the_chart_adds_at_most_one_query_to_the_page(
    analyst_client, week, monkeypatch, django_assert_max_num_queries, url, counted
):
    url = week[0].get_absolute_url() if url == "person" else url
    analyst_client.get(url)  # session and permissions are read once
    monkeypatch.setattr(timeline, "timeline", lambda *args, **kwargs: timeline.Timeline())
    without_chart = queries(analyst_client, url)
    monkeypatch.undo()
    with django_assert_max_num_queries(without_chart + 1):
        response = analyst_client.get(url)
    assert response.context["contact_chart"].contacts == counted


def test_a_persons_page_charts_their_contacts_with_links_to_the_list(analyst_client, week):
    pompeo, raab, calls, later, spanning = week
    make_contact(PersonFactory(), raab, date_start=day("2020-01-04"))  # not Pompeo's
    chart = analyst_client.get(pompeo.get_absolute_url()).context["contact_chart"]
    assert chart.contacts == 5
    bar = next(bar for bar in chart.bars if bar.start == day("2020-01-05"))
    assert "participant=mike-pompeo" in bar.url
    assert listed(analyst_client, bar.url) == {later, spanning}


def test_a_persons_timeline_items_link_to_their_excerpts(analyst_client, week):
    pompeo, raab, calls, later, spanning = week
    statement = StatementFactory(speaker=pompeo)
    said = Citation.objects.create(source=SourceFactory(), excerpt="We talked", statement=statement)
    text = analyst_client.get(pompeo.get_absolute_url()).text
    cited = later.citations.get()
    assert f'href="/sources/{cited.source_id}/#citation-{cited.pk}"' in text
    assert f'href="/sources/{said.source_id}/#citation-{said.pk}"' in text


def test_past_the_count_cap_the_chart_shows_the_most_recent_contacts_and_says_so(
    analyst_client, settings
):
    settings.TABLE_COUNT_CAP = 3
    a, b = PersonFactory(), PersonFactory()
    for day in range(1, 6):
        make_contact(a, b, date_start=datetime.date(2020, 1, day))
    response = analyst_client.get(reverse("contact-list"))
    chart = response.context["contact_chart"]
    assert chart.partial and chart.contacts == 3
    assert sum(bar.total for bar in chart.bars) == 3
    assert "the 3 most recent contacts only" in response.text


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"kind": "visit"},
        {"date_from": "2020-01-04", "date_to": "2020-01-31"},
        {"participant": "mike-pompeo"},
        {"kind": "no-such-kind"},  # refused on the form: the other filters (none) apply
    ],
)
def test_a_contacts_list_counts_its_rows_in_its_charts_one_query(analyst_client, week, query):
    analyst_client.get(reverse("contact-list"))  # session and permissions are read once
    with CaptureQueriesContext(connection) as captured:
        response = analyst_client.get(reverse("contact-list"), {**query, "per_page": 200})
    sql = [q["sql"] for q in captured.captured_queries]
    table = response.context["table"]
    listed_rows = len(table.page_ids())  # every row, on one page
    assert table.paginator.count == listed_rows == response.context["contact_chart"].contacts
    assert len([q for q in sql if q.startswith("WITH d(")]) == 1
    assert not [q for q in sql if "COUNT(*) FROM (SELECT" in q]
    assert f"{listed_rows:,} row" in response.text


def test_past_the_count_cap_the_list_counts_to_the_cap_from_its_chart(analyst_client, settings):
    settings.TABLE_COUNT_CAP = 3
    a, b = PersonFactory(), PersonFactory()
    for day_number in range(1, 6):
        make_contact(a, b, date_start=datetime.date(2020, 1, day_number))
    response = analyst_client.get(reverse("contact-list"), {"per_page": 2, "page": 2})
    paginator = response.context["table"].paginator
    assert (paginator.count, paginator.capped, paginator.num_pages) == (3, True, 2)
    assert "3+ rows" in response.text
    assert len(response.context["table"].page_ids()) == 1  # the third of the first three


def test_a_search_past_the_cap_charts_the_matches_the_index_gives_first_and_says_so(
    analyst_client, settings
):
    settings.TABLE_COUNT_CAP = 3
    a, b = PersonFactory(), PersonFactory()
    for day in range(1, 6):
        make_contact(a, b, date_start=datetime.date(2020, 1, day), summary="They rang.")
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(reverse("contact-list"), {"q": "rang"})
    chart = response.context["contact_chart"]
    assert chart.partial and not chart.recent and chart.contacts == 3
    assert "3 of the matching contacts only, as the search index gives them" in response.text
    read = ('"contacts_contact"."date_start" AS "date_start"', 'AS "start_text"')  # SQLite: text
    dates = [q["sql"] for q in queries.captured_queries if any(r in q["sql"] for r in read)]
    dates = [sql for sql in dates if "GROUP BY" not in sql and "contacts_citation" not in sql]
    assert len(dates) == 1 and "ORDER BY" not in dates[0]  # no walk in date order


# The bars as the template drew them before they were written in Python (timeline.bar_svg).
BARS_TEMPLATE = (
    '{% for bar in chart.bars %}{% if bar.total %}<a href="{{ bar.url }}" '
    'aria-label="{{ bar.label }}"><title>{{ bar.label }}</title><rect class="hit" '
    'x="{{ bar.x|add:-1 }}" y="0" width="10" height="100"></rect>{% for part, top, height in '
    'bar.rects %}<rect class="{{ part }}" x="{{ bar.x }}" y="{{ top }}" width="8" '
    'height="{{ height }}"></rect>{% endfor %}</a>{% endif %}{% endfor %}'
)


def test_the_bars_are_drawn_as_the_template_drew_them_with_their_links_escaped(week):
    chart = timeline.timeline(
        Contact.objects.all(), link=lambda start, end: f"/contacts/?q=<b>&a={start}&b={end}"
    )
    expected = Template(BARS_TEMPLATE).render(Context({"chart": chart}))
    assert str(chart.bars_svg) == expected
    assert expected.count("<a ") == 3 and "q=&lt;b&gt;&amp;a=" in expected
    assert 'class="spanning"' in expected and 'class="within"' in expected


def test_a_searchs_dates_read_as_text_are_charted_as_dates():
    read = [("2020-01-03", "2020-01-03", 1), ("2020-01-03", "2020-01-03", 2)]
    read += [("2020-01-04", "2020-01-05", 3)]
    groups, more = timeline.date_counts(None, cap=5, recent=False, dates=read)
    day, next_day = datetime.date(2020, 1, 3), datetime.date(2020, 1, 4)
    assert sorted(groups) == [(day, day, 2), (next_day, datetime.date(2020, 1, 5), 1)]
    assert not more
