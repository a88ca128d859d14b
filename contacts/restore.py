"""Bring a deleted record back from its history, with the rows deleted along with it.

Deleting a contact deletes its participants and citations (CASCADE); each deletion leaves a
history row. Restoring puts the record back as it was when deleted, then every row that the
same deletion removed (a "-" history row pointing at it, written within seconds of the
record's own), recursively, and checks the rules before anything is committed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from .integrity import records_problems

CASCADE_WINDOW = datetime.timedelta(seconds=30)
REASON = "restored after deletion"


class RestoreError(Exception):
    pass


def object_pk(row):
    """The id of the record a history row describes (row.pk is the history row's own)."""
    return getattr(row, row.instance_type._meta.pk.attname)


def last_state(model, pk):
    """The record's last history row, or None."""
    history = get_history_manager_for_model(model)
    return history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()


def is_deleted(model, pk):
    last = last_state(model, pk)
    return last is not None and last.history_type == "-"


def cascaded_children(model, pk, deleted_at):
    """History rows of rows deleted along with (model, pk): (child model, "-" row)."""
    for relation in model._meta.related_objects:
        if relation.on_delete is not models.CASCADE or relation.many_to_many:
            continue
        child = relation.related_model
        try:
            history = get_history_manager_for_model(child)
        except NotHistoricalModelError:
            continue
        rows = history.filter(
            **{relation.field.attname: pk},
            history_type="-",
            history_date__gte=deleted_at - CASCADE_WINDOW,
            history_date__lte=deleted_at + CASCADE_WINDOW,
        )
        for row in rows.order_by("history_date"):
            if not child._default_manager.filter(pk=object_pk(row)).exists():
                yield child, row


def put_back(model, row, user):
    instance = row.instance
    if hasattr(instance, "version"):
        instance.version += 1  # forms opened before the deletion are stale
    instance._history_user = user
    instance._change_reason = REASON
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError as error:
        name = f"{model._meta.verbose_name} “{instance}”"
        raise RestoreError(f"{name} cannot come back: {error}") from error
    restored = [instance]
    for child, child_row in cascaded_children(model, object_pk(row), row.history_date):
        restored += put_back(child, child_row, user)
    return restored


@transaction.atomic
def restore_deleted(*, model, pk, user=None):
    """Restore (model, pk) and what its deletion took with it; returns the restored rows.

    Raises RestoreError (nothing changed) when the record is not deleted, or when the
    restored rows would break a rule (e.g. a cited source's text changed since)."""
    last = last_state(model, pk)
    if last is None or last.history_type != "-":
        raise RestoreError(f"{model._meta.verbose_name} {pk} is not a deleted record.")
    restored = put_back(model, last, user)
    problems = []
    for instance in restored:
        try:
            instance.full_clean()
        except ValidationError as error:
            problems.append(f"{instance._meta.verbose_name} “{instance}”: {error.messages[0]}")
    problems += records_problems(restored)
    if problems:
        raise RestoreError("Nothing was restored: " + " ".join(problems))
    return restored
