"""Each analyst table's one row source: the page's rows and every export read through it.

A row source reads a list of ids, or a table page's own query (`reading.PageOfRows`), in
one query, with the many-to-many columns (participants, citations, countries) aggregated
in SQL (`contacts.aggregates`), and gives plain dicts in the ids' (or the page's) order: no
model instances, no prefetching, no query per row. The pages draw their bodies from these
rows (`contacts.tables.prepared`); the exports read them a chunk at a time
(`contacts.exports`).
"""

from .contacts import contact_rows
from .people import person_rows, with_activity_counts
from .sources import source_rows, with_citing_counts
from .statements import statement_rows

__all__ = [
    "contact_rows",
    "person_rows",
    "source_rows",
    "statement_rows",
    "with_activity_counts",
    "with_citing_counts",
]
