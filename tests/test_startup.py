"""A serving process settles before its first request (`tracker.startup.settle`): the
search's language data read, and what start-up made frozen, so that full garbage
collections do not scan them again (a p95 twice the p50, at a million contacts)."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from contacts.search import variants

# A fresh process: the WSGI application loaded (`tracker/wsgi.py` settles the process), or
# Django set up and its objects frozen without settling; then what a first search reads of
# the language data, and how many objects the collector is left tracking (frozen ones are
# not listed). The search's modules are imported first in both (they import no language
# data until asked), so that only the data's own loading is counted.
FIRST_SEARCH = """
import gc, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
import django
django.setup()
from contacts.search import countries, variants
if sys.argv[1] == "settled":
    import tracker.wsgi  # the application gunicorn serves, set up as for serving
    assert gc.get_freeze_count() > 0
    assert countries.codes_by_key.cache_info().currsize == 2
    assert variants.verb_forms.cache_info().currsize == 1
else:
    gc.collect()
    gc.freeze()
before = len(gc.get_objects())
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


@pytest.mark.skipif(variants.model_folder() is None, reason="the spaCy model is not installed")
def test_a_process_frozen_without_settling_leaves_the_language_data_to_the_collector():
    """What the test above would find without `settle` reading the data first: the
    modules the search imports lazily and the tables it reads, tens of thousands of
    objects, scanned again by every full collection."""
    assert left_tracked("frozen only") > 20_000


def test_the_benchmark_settles_its_process_as_the_wsgi_application_does():
    """The pages are timed in a process set up as a serving one (`bench/measure.py`)."""
    measure = (Path(settings.BASE_DIR) / "bench" / "measure.py").read_text()
    assert "startup.settle()" in measure
    assert "gc.freeze" not in measure  # no freeze of its own, before the data is read
