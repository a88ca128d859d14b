"""People, the names they go by, and the offices they held."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from contacts.models.base import EditedRecord
from contacts.text import family_key, name_key, sound_key

from .base import optional_reference

# Family keys are indexed where there is one: a partial index, whose statistics are not
# drawn by the names that have none (SQLite's planner scanned 100,000 people when most
# family keys of an archive were NULL).
KEYED = Q(family_key__isnull=False)
SOUNDED = Q(sound_key__isnull=False)


class AmbiguousName(Exception):
    def __init__(self, name, people):
        self.people = list(people)
        names = ", ".join(str(person) for person in self.people)
        super().__init__(f"The name {name!r} is shared by several people: {names}.")


class PersonQuerySet(models.QuerySet):
    def matching_name(self, name):
        """People whose canonical name or any alias equals `name`, ignoring typography."""
        key = name_key(name)
        matching = Q(name_key=key) | Q(aliases__name_key=key)
        return self.filter(pk__in=self.model.objects.filter(matching).values("pk"))

    def resolve(self, name):
        """The one person a name refers to; raises DoesNotExist or AmbiguousName."""
        people = list(self.matching_name(name)[:10])
        if not people:
            raise self.model.DoesNotExist(f"Nobody is known by the name {name!r}.")
        if len(people) > 1:
            raise AmbiguousName(name, people)
        return people[0]


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(EditedRecord):
    name = models.CharField("canonical name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    name_key = models.TextField(editable=False, db_index=True)  # NFKD may lengthen a name
    # The last word, searched alone (NULL: none; nullable, so that adding the column on
    # SQLite did not rebuild the table, which would drop migration 0014's triggers)
    family_key = models.TextField(editable=False, null=True)  # noqa: DJ001
    # The last word's consonants (`contacts.text.sound_key`), by which a search that finds
    # nothing offers a name it may have meant (NULL: none)
    sound_key = models.TextField(editable=False, null=True)  # noqa: DJ001
    country = optional_reference(
        "Country", "people", help_text="The country the person serves or belongs to."
    )
    notes = models.TextField(blank=True)

    objects = PersonManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["name", "id"], name="person_name"),
            models.Index(fields=["family_key"], condition=KEYED, name="person_family_key"),
            models.Index(fields=["sound_key"], condition=SOUNDED, name="person_sound_key"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("person-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["contacts.country"]

    def fill_derived_fields(self):
        self.name_key = name_key(self.name)
        self.family_key = family_key(self.name_key) or None
        self.sound_key = sound_key(self.name_key) or None
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:200]

    def clean(self):
        self.fill_derived_fields()


class AliasKind(models.TextChoices):
    FULL_NAME = "full_name", "Full name"
    SPELLING = "spelling", "Spelling variant"
    TRANSLITERATION = "transliteration", "Transliteration"
    NATIVE_SCRIPT = "native_script", "Native script"
    SHORT_NAME = "short_name", "Short name or title with name"


class AliasManager(models.Manager):
    def get_by_natural_key(self, name, person_slug):
        return self.get(name=name, person__slug=person_slug)


class PersonAlias(EditedRecord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.SPELLING)
    name_key = models.TextField(editable=False, db_index=True)  # NFKD may lengthen a name
    # The last word, searched alone (NULL: none; nullable, so that adding the column on
    # SQLite did not rebuild the table, which would drop migration 0014's triggers)
    family_key = models.TextField(editable=False, null=True)  # noqa: DJ001
    # The last word's consonants (`contacts.text.sound_key`), by which a search that finds
    # nothing offers a name it may have meant (NULL: none)
    sound_key = models.TextField(editable=False, null=True)  # noqa: DJ001
    shared = models.BooleanField(
        "shared with other people",
        default=False,
        help_text="Tick only when this name really belongs to more than one person.",
    )

    objects = AliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "name"]
        verbose_name_plural = "person aliases"
        indexes = [
            models.Index(fields=["family_key"], condition=KEYED, name="alias_family_key"),
            models.Index(fields=["sound_key"], condition=SOUNDED, name="alias_sound_key"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "name_key"], name="alias_unique_per_person"),
            models.UniqueConstraint(
                fields=["name_key"],
                condition=Q(shared=False),
                name="alias_unique_unless_shared",
                violation_error_message="Another person already has this name; "
                "tick 'shared with other people' if both really go by it.",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name, *self.person.natural_key())

    natural_key.dependencies = ["contacts.person"]

    def clean(self):
        self.fill_derived_fields()
        if not self.name_key:
            raise ValidationError({"name": "An alias needs at least one letter."})
        others = PersonAlias.objects.filter(name_key=self.name_key).exclude(pk=self.pk)
        if self.person_id:
            others = others.exclude(person_id=self.person_id)
        holders = Person.objects.filter(
            Q(name_key=self.name_key) | Q(pk__in=others.values("person_id"))
        ).exclude(pk=self.person_id)
        if holders.exists() and not (self.shared and not others.filter(shared=False).exists()):
            names = ", ".join(str(p) for p in holders[:5])
            raise ValidationError(
                {
                    "shared": f"{names} already go(es) by '{self.name}'. Tick 'shared with "
                    "other people' on every such alias if they really share it."
                }
            )

    def fill_derived_fields(self):
        self.name_key = name_key(self.name)
        self.family_key = family_key(self.name_key) or None
        self.sound_key = sound_key(self.name_key) or None
