"""loaddata that validates what it loads, all or nothing.

Django's loaddata saves raw rows without model validation. This version runs
every loaded record's full_clean() and the cross-row checks (excerpts found in
their sources, two participants per contact) inside the same transaction, so a
bad record anywhere rolls the whole load back with a message naming it.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from contacts.integrity import integrity_problems


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        try:
            super().handle(*fixture_labels, **options)
        except (DeserializationError, DatabaseError, ObjectDoesNotExist, ValueError) as error:
            raise CommandError(f"The fixtures were not loaded; nothing changed: {error}") from error

    def loaddata(self, fixture_labels):
        self.loaded_records = []
        super().loaddata(fixture_labels)
        problems = [*self.invalid_records(), *integrity_problems()]
        if problems:
            listed = "\n  ".join(problems[:50])
            raise CommandError(f"The fixtures were not loaded; nothing changed:\n  {listed}")

    def save_obj(self, obj):
        try:
            saved = super().save_obj(obj)
        except DatabaseError as error:
            if obj.deferred_fields:
                missing = "; ".join(
                    f"{field.name} = {value}" for field, value in obj.deferred_fields.items()
                )
                raise CommandError(
                    f"The fixtures were not loaded; nothing changed: "
                    f"{obj.object._meta.label} refers to something that does not exist ({missing})."
                ) from error
            raise
        if saved:
            self.loaded_records.append(obj.object)
        return saved

    def invalid_records(self):
        for record in self.loaded_records:
            record.refresh_from_db()
            try:
                record.full_clean()
            except ValidationError as error:
                yield f"{record._meta.label} {record.natural_key()}: {'; '.join(error.messages)}"
