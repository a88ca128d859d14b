"""What a serving process does once its application is loaded, before its first request:
read what the first search would read, then freeze what is loaded.

`tracker/wsgi.py` (gunicorn) calls `settle()`, and so does the benchmark (`bench/measure.py`),
so that the pages are timed in a process set up as production's are.
"""

import gc


def settle():
    """Read the search's language data (countries' names in other languages, English
    verbs' irregular forms, British and American spellings), then freeze every object
    start-up made (`gc.freeze`).

    Objects made at start-up (settings, URL resolvers, templates, that data) live as long
    as the process: frozen, the garbage collector does not scan them again on every full
    collection. The language data alone is about 75,000 objects: left unfrozen, each full
    collection took 30-70 ms at a million contacts (measured in the benchmark's process).
    """
    from contacts.search import countries, variants  # once the apps are loaded

    countries.warm()
    variants.warm()
    gc.collect()
    gc.freeze()
