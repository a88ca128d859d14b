"""Countries and organisations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from contacts.text import name_key

from .base import EditedRecord, optional_reference

# A last word an organisation is often named without ("Qods" for "Qods Force").
GENERIC_LAST_WORDS = frozenset(
    "force forces corps army party ministry council agency office guard guards group front "
    "movement committee department service organisation organization".split()
)


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(EditedRecord):
    code = models.CharField(
        "ISO 3166 code", max_length=2, unique=True, help_text="Alpha-2 code, e.g. GB, US, IR."
    )
    name = models.CharField(max_length=100, unique=True)

    objects = CountryManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_alpha2"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contact-list") + f"?country={self.pk}"

    def natural_key(self):
        return (self.code,)


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", "Government body or ministry"
    ARMED_FORCE = "armed_force", "Armed force"
    MILITIA = "militia", "Militia or armed group"
    PARTY = "party", "Political party"
    INTERNATIONAL = "international", "International body"
    NEWS_OUTLET = "news_outlet", "News outlet"
    OTHER = "other", "Other"


class OrganisationManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Organisation(EditedRecord):
    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=30, blank=True)
    other_names = models.CharField(
        max_length=500, blank=True, help_text="Other spellings, separated by semicolons."
    )
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    country = optional_reference(Country, "organisations")
    parent = optional_reference(
        "self", "children", help_text="e.g. the Quds Force is part of the IRGC."
    )

    objects = OrganisationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["contacts.country"]

    def name_keys(self):
        """The keys (`name_key`) an organisation is named by: its name, abbreviation and
        other names, each also without a generic last word."""
        keys = set()
        for spelling in [self.name, self.abbreviation, *self.other_names.split(";")]:
            key = name_key(spelling)
            if key:
                keys.add(key)
                words = key.split()
                if len(words) > 1 and words[-1] in GENERIC_LAST_WORDS:
                    keys.add(" ".join(words[:-1]))
        return keys

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "An organisation cannot be inside itself."})
            ancestor = ancestor.parent


class OrganisationName(models.Model):
    """One key an organisation is named by (`Organisation.name_keys`), so that a search
    finds it through an index; rewritten whenever the organisation is saved (signals.py)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="names_searched", db_index=False
    )
    name_key = models.TextField(db_index=True)  # NFKD may make a key longer than its name

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name_key"], name="organisation_name_once"
            )
        ]

    def __str__(self):
        return self.name_key
