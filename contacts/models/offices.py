"""Offices held over time: "Secretary of State, United States" from one date to another."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .base import EditedRecord, optional_reference
from .dates import DatePrecision
from .roles import Role


class OfficeHoldingQuerySet(models.QuerySet):
    def held_on(self, date):
        """Offices held on `date`; an unknown bound is taken as open."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=date),
            Q(end_date__isnull=True) | Q(end_date__gte=date),
        )

    def titled(self, text):
        """Offices whose title holds every word of `text`, or whose role is named by it
        ("foreign minister" finds "Federal Minister for Foreign Affairs")."""
        words = text.split()
        if not words:
            return self.none()
        in_title = Q()
        for word in words:
            in_title &= Q(title__icontains=word)
        wanted = " ".join(words).casefold()
        roles = [value for value, label in Role.choices if wanted in label.casefold()]
        return self.filter(in_title | Q(role__in=roles))

    def holders_of(self, role, *, country, on):
        """Who held `role` for `country` on a date, e.g. Germany's foreign minister."""
        in_country = Q(country=country) | Q(organisation__country=country)
        return self.held_on(on).filter(in_country, role=role).select_related("person")


class OfficeHoldingManager(models.Manager.from_queryset(OfficeHoldingQuerySet)):
    def get_by_natural_key(self, person_slug, title, start_date):
        return self.get(person__slug=person_slug, title=title, start_date=start_date or None)


class OfficeHolding(EditedRecord):
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(max_length=200, help_text="As reported, e.g. 'Foreign Secretary'.")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.OTHER)
    organisation = optional_reference("Organisation", "offices")
    country = optional_reference("Country", "offices")
    start_date = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    end_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    objects = OfficeHoldingManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", F("start_date").asc(nulls_first=True), "title"]
        indexes = [models.Index(fields=["role", "country", "start_date", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(country__isnull=False),
                name="office_has_organisation_or_country",
                violation_error_message="An office belongs to an organisation or a country.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="office_ends_after_it_starts",
                violation_error_message="The office ends before it starts.",
            ),
            models.UniqueConstraint(
                fields=["person", "title", "start_date"], name="office_unique_start"
            ),
            models.UniqueConstraint(
                fields=["person", "title"],
                condition=Q(start_date__isnull=True),
                name="office_unique_when_start_unknown",
            ),
        ]

    def __str__(self):
        where = self.organisation or self.country
        return f"{self.title}, {where}" if where else self.title

    def get_absolute_url(self):
        return self.person.get_absolute_url() + "#offices"

    def natural_key(self):
        start = self.start_date.isoformat() if self.start_date else ""
        return (*self.person.natural_key(), self.title, start)

    natural_key.dependencies = ["contacts.person", "contacts.organisation", "contacts.country"]

    @property
    def dates_display(self):
        """The dates the sources give: "since 14 Mar 2018", or "dates not reported"."""
        start = self.start_date.strftime("%-d %b %Y") if self.start_date else None
        end = self.end_date.strftime("%-d %b %Y") if self.end_date else None
        if start and end:
            return f"{start} – {end}"
        if start:
            return f"since {start}"
        return f"until {end}" if end else "dates not reported"

    def held_on(self, date):
        """Python twin of OfficeHoldingQuerySet.held_on, for prefetched offices."""
        started = self.start_date is None or self.start_date <= date
        return started and (self.end_date is None or self.end_date >= date)

    def clean(self):
        if not (self.organisation_id or self.country_id):
            raise ValidationError("Give the organisation or the country the office belongs to.")
