"""A row source's query, built once per thread and kept (`built_once`).

A row source's annotations (subqueries, JSON aggregates) cost 1-3 ms of Python to build,
every page; filtering a kept query by a page's ids costs a clone (`reading.of_ids`). The
kept query is never evaluated: each call returns a clone of it, so no rows are kept.

It is kept per thread: a clone shares its subqueries' queries with the kept one, and Django
sets counters on those while it compiles them (it does not compile one query in two
threads at once); gunicorn's gthread workers answer in several threads.
"""

import functools
import threading


class BuiltOnce:
    """`build(*args, **options)`'s queryset, built on a thread's first call with those
    arguments (which must be hashable) and kept; each call returns a clone of it."""

    def __init__(self, build):
        self.build = build
        functools.update_wrapper(self, build)
        self.cache_clear()

    def cache_clear(self):
        """Forget the kept queries (every thread's): the next calls build them again."""
        self.kept = threading.local()

    def __call__(self, *args, **options):
        queries = self.kept.__dict__.setdefault("queries", {})
        key = (args, frozenset(options.items()))
        if key not in queries:
            queries[key] = self.build(*args, **options)
        return queries[key].all()


built_once = BuiltOnce
