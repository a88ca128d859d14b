"""Time every page case in-process with Django's test client; print JSON.

Run by bench/run.py with the database chosen through the environment.
"""

import json
import os
import re
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import Context  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from bench import floor  # noqa: E402
from bench.cases import FACET_PAGES, export_cases, page_cases  # noqa: E402
from contacts.models import Statement  # noqa: E402
from contacts.views.base import AnalystTableView  # noqa: E402
from tracker import startup  # noqa: E402

WARM_UP, TIMED = 3, int(os.environ.get("BENCH_REQUESTS", "30"))
FLOORS = os.environ.get("BENCH_FLOORS", "1") == "1"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)


def table_shape(html):
    """(rows, columns) of the page's table body."""
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in html else ""
    rows = ROW.findall(body)
    return len(rows), max((row.count("<td") for row in rows), default=0)


def floor_ms(queries, shape):
    """The page's floor: its own captured SQL executed raw, then a minimal template drawing
    as many rows and columns of short text; p50 in ms (None when a query cannot be rerun)."""
    rows = [[f"cell {r}.{c}" for c in range(shape[1])] for r in range(shape[0])]
    timings = []
    for _ in range(TIMED):
        started = time.perf_counter()
        try:
            floor.run_raw(queries)
        except Exception:  # noqa: BLE001 - a query whose logged text cannot run again
            return None
        floor.TEMPLATE.render(Context({"rows": rows}))
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


def served_floor_ms(client, queries, shape):
    """The floor served through the request path (`bench.floor`): p50 in ms, or None."""
    floor.Page.set(queries, shape)
    try:
        timings = timed(client, "/__floor__/")
    except Exception:  # noqa: BLE001 - as floor_ms
        return None
    return round(statistics.median(timings), 2)


def timed(client, url):
    """`url` requested WARM_UP times, then TIMED times: the timed ones' wall clock, in ms."""
    for _ in range(WARM_UP):
        client.get(url)
    timings = []
    for _ in range(TIMED):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_request(client, url):
    for _ in range(WARM_UP):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    counts = [q["sql"] for q in queries.captured_queries]
    shape = table_shape(response.content.decode()) if response.status_code == 200 else (0, 0)
    timings = []
    for _ in range(TIMED):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "url": url,
        "status": response.status_code,
        "queries": len(counts),
        "uncapped_counts": sum(
            1 for sql in counts if "COUNT(" in sql.upper() and "LIMIT" not in sql.upper()
        ),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "rows_columns": shape,
        "floor_p50_ms": floor_ms(counts, shape) if FLOORS else None,
        "served_floor_p50_ms": served_floor_ms(client, counts, shape) if FLOORS else None,
    }


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def icontains_baseline(word):
    """The same search done with icontains (no index can serve it), for comparison."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        list(Statement.objects.filter(text__icontains=word).order_by("-date_start", "-pk")[:50])
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(timings), 2), "p95_ms": round(max(timings), 2)}


def main():
    user, _ = User.objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    cases, facts, keys = page_cases()
    override_settings(ROOT_URLCONF="bench.floor").enable()  # every page, and /__floor__/
    startup.settle()  # as tracker/wsgi.py does once the application is loaded
    results = {name: time_request(client, url) for name, url in cases.items()}
    facets_off = {}
    for view in all_subclasses(AnalystTableView):
        facets_off[view], view.facets = view.facets, ()
    for name in FACET_PAGES:
        results[f"{name} [facets off]"] = time_request(client, cases[name])
    for view, facets in facets_off.items():
        view.facets = facets
    for kind in ("common", "rare"):
        baseline = f"statements: icontains {kind} word (baseline, ORM)"
        results[baseline] = icontains_baseline(keys[kind])
    exports = export_cases(keys["person"])
    print(json.dumps({"cases": results, "facts": facts, "keys": keys, "export_urls": exports}))


if __name__ == "__main__":
    main()
