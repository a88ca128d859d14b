"""What every record editors change has: a version for optimistic locking, clean text; and
the short random key by which contacts and statements are known."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models

from contacts.text import forbidden_character_message


def optional_reference(to, related_name, *, on_delete=models.PROTECT, **options):
    """A reference a record may leave empty (NULL in the database, blank in forms); by
    default the referenced record cannot be deleted while it is referenced."""
    return models.ForeignKey(
        to, on_delete=on_delete, null=True, blank=True, related_name=related_name, **options
    )


class CleanText(models.Model):
    """No control or bidi-override characters in any text field: full_clean refuses them
    with a message naming the character and its position."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            long_text = isinstance(field, models.TextField)
            message = forbidden_character_message(getattr(self, field.attname), long_text=long_text)
            if message:
                errors[field.name] = [message]
        if errors:
            raise ValidationError(errors)


class EditedRecord(CleanText):
    """A record editors change: `version` is raised on every save (signals.py) and checked by
    the admin forms, so the second of two concurrent edits is stopped, not lost."""

    version = models.PositiveIntegerField(
        default=1,
        db_default=1,
        editable=False,
        help_text="Raised on every edit, to catch concurrent edits.",
    )

    class Meta:
        abstract = True


def new_key():
    return uuid.uuid4().hex[:12]


class KeyedQuerySet(models.QuerySet):
    """`bulk_create` gives each new record without a key its key, as `save()` does."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for record in objs:
            if not record.key:
                record.key = new_key()
        return super().bulk_create(objs, *args, **kwargs)


class Keyed(models.Model):
    """A record known by a short random key (its natural key; a statement's address), made
    when it is first saved without one: a field default would be a callable that every
    migration creating the table had to import from the app."""

    key = models.SlugField(
        max_length=100, unique=True, blank=True, help_text="Made when the record is first saved."
    )

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.key,)

    def clean(self):
        if not self.key and not self._state.adding:
            raise ValidationError(
                {"key": "A saved record keeps its key (its address and natural key)."}
            )
        super().clean()

    def fill_derived_fields(self):
        super().fill_derived_fields()
        if not self.key and self._state.adding:
            self.key = new_key()
