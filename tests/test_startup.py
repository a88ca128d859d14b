"""A serving process settles before its first request (`tracker.startup.settle`): the
search's language data read, and what start-up made frozen, so that full garbage
collections do not scan them again (a p95 twice the p50, at a million contacts)."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

# A fresh process (nothing imported yet), set up as tracker/wsgi.py sets one up, with or
# without `settle()`; then what a first search reads of the language data, and how many
# objects the collector is left tracking (frozen ones are not listed).
FIRST_SEARCH = """
import gc, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
import django
django.setup()
from tracker import startup
if sys.argv[1] == "settled":
    startup.settle()
else:
    gc.collect()
    gc.freeze()
before = len(gc.get_objects())
from contacts.search import countries, variants
variants.forms_of("escalated")
countries.codes_by_key(False)
gc.collect()
print(len(gc.get_objects()) - before)
"""


def left_tracked(how):
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SEARCH, how],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.split()[-1])


def test_a_settled_process_first_search_leaves_the_collector_little_to_scan():
    assert left_tracked("settled") < 2_000


def test_a_process_frozen_without_settling_leaves_the_language_data_to_the_collector():
    """What the test above would find without `settle` reading the data first: the
    modules the search imports lazily and the tables it reads, tens of thousands of
    objects, scanned again by every full collection."""
    assert left_tracked("frozen only") > 20_000


def test_the_wsgi_application_and_the_benchmark_settle_the_same_way():
    wsgi = (Path(settings.BASE_DIR) / "tracker" / "wsgi.py").read_text()
    measure = (Path(settings.BASE_DIR) / "bench" / "measure.py").read_text()
    assert "settle()" in wsgi and "startup.settle()" in measure
    assert "gc.freeze" not in measure  # no freeze of its own, before the data is read
