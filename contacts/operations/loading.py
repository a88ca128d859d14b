"""Loading fixtures: all or nothing, never overwriting, in any file order, with history.

Django's loaddata saves raw rows in file order and silently replaces any row whose
natural key already exists. Here every record of every file is read first, sorted so that
what a record refers to is loaded before it (people before the contacts they take part
in, whatever the file names), and then:

- a record whose natural key already exists is refused, naming it, unless `update=True`;
- a record that appears twice in the load is refused;
- every loaded record is validated (`full_clean`) and the cross-row rules are checked
  (`integrity.integrity_problems`) before anything is committed;
- each loaded record gets a history row whose reason names its fixture file.
"""

import json
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connections, transaction
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from ..integrity import integrity_problems
from ..models import Contact, NetworkMonth, PersonCounts, SourceCounts

MAX_LISTED = 50
KEPT_BY_THE_DATABASE = (SourceCounts, PersonCounts)  # their triggers write them (0014)


class FixtureError(Exception):
    """The load was refused; nothing changed. `problems` lists every reason found."""

    def __init__(self, problems):
        self.problems = list(problems)
        listed = "\n  ".join(self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(f"The fixtures were not loaded; nothing changed:\n  {listed}{tail}")


def read_fixture(path):
    """The records of one JSON fixture file, each tagged with the file's name."""
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError([f"{path.name}: not a readable JSON fixture ({error})."]) from error
    if not isinstance(records, list) or not all(
        isinstance(record, dict) and isinstance(record.get("model"), str) for record in records
    ):
        raise FixtureError([f"{path.name}: a fixture is a JSON list of {{'model': …}} objects."])
    return [(path.name, record) for record in records]


def model_order():
    """Every installed model, each after the models its natural keys and foreign keys use."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return {model._meta.label_lower: index for index, model in enumerate(ordered)}


def describe(record):
    key = record.natural_key() if hasattr(record, "natural_key") else (record.pk,)
    return f"{record._meta.label} {key!r}"


class Loader:
    def __init__(self, *, update=False, using="default"):
        self.update = update
        self.using = using
        self.problems = []
        self.loaded = []  # (record, fixture name, existed before)
        self.seen = defaultdict(set)  # model -> pks written by this load
        self.deferred = []

    def load(self, paths):
        tagged = [entry for path in paths for entry in read_fixture(path)]
        order = model_order()
        unknown = sorted({r["model"] for _, r in tagged if r["model"].lower() not in order})
        if unknown:
            raise FixtureError([f"Unknown model {label!r}." for label in unknown])
        tagged.sort(key=lambda entry: order[entry[1]["model"].lower()])
        with transaction.atomic(using=self.using):
            self.save_all(tagged)
            # Counts kept from before the load (or brought by it) may no longer hold, nor
            # may a reloaded contact's stored participant columns (a fixture written before
            # a column existed does not carry it).
            NetworkMonth.objects.using(self.using).all().delete()
            loaded = [record.pk for record, _, _ in self.loaded if isinstance(record, Contact)]
            Contact.objects.using(self.using).filter(pk__in=loaded).refresh_summaries()
            self.problems += [*self.invalid_records(), *integrity_problems()]
            if self.problems:
                raise FixtureError(self.problems)
            self.record_history()
            self.reset_sequences()
        return [record for record, _, _ in self.loaded]

    def save_all(self, tagged):
        names = iter([name for name, _ in tagged])
        try:
            objects = serializers.deserialize(
                "python",
                [record for _, record in tagged],
                using=self.using,
                handle_forward_references=True,
            )
            for obj in objects:
                self.save(obj, next(names))
            for obj in self.deferred:
                obj.save_deferred_fields(using=self.using)
        except (DeserializationError, ObjectDoesNotExist, ValueError, TypeError) as error:
            raise FixtureError([*self.problems, f"{error}"]) from error

    def save(self, obj, fixture_name):
        record = obj.object
        model = type(record)
        if model in KEPT_BY_THE_DATABASE:  # a dump's counts: recounted as the records load
            return
        stored = model._default_manager.filter(pk=record.pk) if record.pk is not None else None
        existed = stored is not None and stored.exists()
        if record.pk in self.seen[model]:
            self.problems.append(
                f"{describe(record)} appears twice in the fixtures ({fixture_name})."
            )
            return
        if existed and not self.update:
            self.problems.append(
                f"{describe(record)} already exists ({fixture_name}); loading never overwrites "
                "a stored record (pass --update to replace it)."
            )
            return
        if existed and hasattr(record, "version"):
            record.version = stored.values_list("version", flat=True).get() + 1
        try:
            with transaction.atomic(using=self.using):
                obj.save(using=self.using)
        except DatabaseError as error:
            missing = "; ".join(f"{f.name} = {v}" for f, v in obj.deferred_fields.items())
            reason = f"refers to something that does not exist ({missing})" if missing else error
            self.problems.append(f"{model._meta.label} in {fixture_name} {reason}.")
            return
        self.seen[model].add(record.pk)
        if obj.deferred_fields:
            self.deferred.append(obj)
        self.loaded.append((record, fixture_name, existed))

    def invalid_records(self):
        for record, fixture_name, _ in self.loaded:
            record.refresh_from_db(using=self.using)
            try:
                record.full_clean()
            except ValidationError as error:
                yield f"{describe(record)} in {fixture_name}: {'; '.join(error.messages)}"

    def record_history(self):
        batches = defaultdict(list)
        for record, fixture_name, existed in self.loaded:
            batches[type(record), fixture_name, existed].append(record)
        for (model, fixture_name, existed), records in batches.items():
            try:
                history = get_history_manager_for_model(model)
            except NotHistoricalModelError:  # a model without history keeps none
                continue
            verb = "updated from" if existed else "loaded from"
            history.bulk_history_create(
                records, update=existed, default_change_reason=f"{verb} fixture {fixture_name}"
            )

    def reset_sequences(self):
        connection = connections[self.using]
        models = {type(record) for record, _, _ in self.loaded}
        with connection.cursor() as cursor:
            for line in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(line)


def load_fixtures(paths, *, update=False, using="default"):
    """Load fixture files as one unit; raises FixtureError (nothing changed) on any problem."""
    return Loader(update=update, using=using).load(paths)
