"""A whole month's network read from `NetworkMonth`, counted once and kept until an edit
touches the month (the triggers of migration 0009 delete it).

A month is kept through a placeholder, so that an edit made while it is being counted is
never hidden: the placeholder row is written first, the month counted, and the counts
written into that row only if it still exists and no edit is in flight
(`no_edit_in_flight`). An edit in between fires the triggers, which delete the
placeholder, and the counts are then served once and not kept.
"""

import calendar
import datetime
import json

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ..models import NetworkMonth

ABANDONED = datetime.timedelta(minutes=1)  # a placeholder older than this is replaced
EDIT_LOCK = 7360514  # PostgreSQL: every edit of participants holds it, shared (migration 0009)


def whole_month(filterset):
    """The first day of the calendar month that is the filters' whole window (From the 1st,
    To its last day, no other filter), or None."""
    data = getattr(filterset.form, "cleaned_data", {})  # none when no filter is given
    start, end = data.get("date_from"), data.get("date_to")
    if start is None or end is None or start.day != 1:
        return None
    last = calendar.monthrange(start.year, start.month)[1]
    if end != start.replace(day=last) or not filterset.only_active("date_from", "date_to"):
        return None
    return start


def kept(month, group, count, drawn=""):
    """`count()` (JSON-able rows) for `month`, `group` and `drawn` (what the rows keep):
    read back when kept, else counted, and kept when no edit touched the month meanwhile."""
    found = NetworkMonth.objects.filter(month=month, group=group, drawn=drawn)
    row = found.values_list("pk", "rows", "counted_at").first()
    if row is not None and row[1]:
        return json.loads(row[1])
    placeholder = None
    try:  # in a savepoint: a failed write leaves the request's transaction usable
        with transaction.atomic():
            if row is not None and row[2] < timezone.now() - ABANDONED:
                found.filter(pk=row[0], rows="").delete()
                row = None
            if row is None:
                placeholder = NetworkMonth.objects.create(
                    month=month, group=group, drawn=drawn, rows=""
                ).pk
    except DatabaseError:  # another request is counting it, or the database is busy
        placeholder = None
    rows = count()
    if placeholder is not None:
        try:
            with transaction.atomic():
                if no_edit_in_flight():
                    kept_rows = NetworkMonth.objects.filter(pk=placeholder, rows="")
                    kept_rows.update(rows=json.dumps(rows))
        except DatabaseError:
            pass
    return rows


def no_edit_in_flight():
    """Whether no uncommitted edit of participants exists, as far as the counts could miss
    it. PostgreSQL: an edit's trigger ran, and deleted nothing yet kept, before this month
    was counted, and commits after; each such edit holds EDIT_LOCK shared until it commits,
    so the lock is tried (never awaited) and, held by this transaction, makes the edits that
    follow wait for the counts to be kept, then forget them. SQLite: writes are serialized
    (BEGIN IMMEDIATE), so no edit is in flight while this one writes."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [EDIT_LOCK])
        return cursor.fetchone()[0]
