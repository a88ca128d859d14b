"""SQLite: a prefix search (secur*) as the few words of the index that start with it.

FTS5 answers `"secur" *` by merging the postings of every term with that start into one
list, and does so again for each row it is asked about: probing the newest rows one by one
for a common prefix then costs as much as the whole table, per row. Asked instead for the
terms themselves ("secur" OR "security"), it seeks in each term's postings as it does for
any word. The terms come from the index's own vocabulary (an `fts5vocab` table in the
connection's temporary schema); a start shared by more than MOST_TERMS terms stays a prefix
query.
"""

from django.db import connection

MOST_TERMS = 64
LAST_CHARACTER = "\U0010ffff"


def vocabulary_of(fts):
    name = f"{fts}_vocabulary"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5vocab(main, {fts}, 'row')"
        )
    return f"temp.{name}"


def terms_starting(fts, start):
    """The index's terms that begin with `start`, or None when there are too many."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {vocabulary_of(fts)} WHERE term >= %s AND term < %s LIMIT %s",
            [start, start + LAST_CHARACTER, MOST_TERMS + 1],
        )
        terms = [row[0] for row in cursor.fetchall()]
    return terms if 0 < len(terms) <= MOST_TERMS else None
