"""Countries and organisations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import EditedRecord, optional_reference


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

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "An organisation cannot be inside itself."})
            ancestor = ancestor.parent
