"""What officials said, verbatim or as reported."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .base import Keyed, KeyedQuerySet, optional_reference
from .dates import DATE_CONSTRAINTS, SPANNING, DatedRecord
from .roles import Role


class Medium(models.TextChoices):
    TWEET = "tweet", "Tweet or social media post"
    TV_INTERVIEW = "tv_interview", "TV interview"
    INTERVIEW = "interview", "Interview (press)"
    PRESS_CONFERENCE = "press_conference", "Press or news conference"
    WRITTEN_STATEMENT = "written_statement", "Written statement"
    CALL_READOUT = "call_readout", "Call readout"
    SPEECH = "speech", "Speech"
    REMARKS = "remarks", "Remarks (medium not reported)"


def said_after(contact, speakers, days):
    last_day = contact.date_end + datetime.timedelta(days=days)
    return Q(speaker__in=speakers, date_start__gte=contact.date_start, date_start__lte=last_day)


class StatementQuerySet(KeyedQuerySet):
    def by(self, person):
        return self.filter(speaker=person)

    def about_or_after(self, contact, speakers, days=2):
        """Statements about `contact`, or by `speakers` (person ids) within `days` after it.

        One query: each side of the OR has its index (contact; speaker and date).
        """
        return self.filter(Q(contact=contact) | said_after(contact, speakers, days))

    def linkable_to(self, contact, before=2, after=7):
        """What the contact's named participants said from `before` days before it to
        `after` days after it, and whatever is linked to it already."""
        speakers = contact.participants.filter(person__isnull=False).values("person")
        around = Q(
            speaker__in=speakers,
            date_start__gte=contact.date_start - datetime.timedelta(days=before),
            date_start__lte=contact.date_end + datetime.timedelta(days=after),
        )
        return self.filter(around | Q(contact=contact)).order_by("date_start", "pk")


class StatementManager(models.Manager.from_queryset(StatementQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


DESCRIBED = ~Q(speaker_description="")  # a speaker described, not named (or both)


class Statement(Keyed, DatedRecord):
    # speaker and speaker_country are served by statement_speaker_date/statement_country.
    speaker = optional_reference("Person", "statements", db_index=False)
    speaker_description = models.CharField(
        "unnamed speaker",
        max_length=200,
        blank=True,
        help_text="When the report names no one, e.g. 'a senior US official'.",
    )
    speaker_role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    speaker_country = optional_reference("Country", "statements", db_index=False)
    text = models.TextField(help_text="The quote, or the report's paraphrase.")
    is_verbatim = models.BooleanField("verbatim quote", default=True)
    medium = models.CharField(max_length=20, choices=Medium.choices, default=Medium.REMARKS)
    outlet = optional_reference(
        "Organisation", "statements_carried", help_text="Where it was said, e.g. CNN or Fox News."
    )
    venue = models.CharField(max_length=200, blank=True, help_text="Place, e.g. 'Berlin'.")
    language = models.CharField(max_length=10, default="en", help_text="ISO 639-1 code.")
    contact = optional_reference(
        "Contact",
        "statements",
        on_delete=models.SET_NULL,
        help_text="The contact this statement is about, if any.",
    )

    objects = StatementManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date_start", "-pk"]
        constraints = [
            *DATE_CONSTRAINTS,
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(speaker_description=""),
                name="statement_has_speaker",
                violation_error_message="Choose a speaker or describe the unnamed speaker.",
            ),
        ]
        indexes = [
            models.Index(fields=["date_start", "id"], name="statement_date"),
            models.Index(fields=["speaker", "date_start", "id"], name="statement_speaker_date"),
            models.Index(fields=["speaker_country", "date_start", "id"], name="statement_country"),
            models.Index(fields=["medium", "date_start", "id"], name="statement_medium"),
            models.Index(fields=["is_verbatim", "date_start", "id"], name="statement_form"),
            models.Index(fields=["date_end"], condition=SPANNING, name="statement_spanning"),
            # The unnamed speakers' descriptions, read for a speaker typed by name without
            # reading every statement (`lists.filters.StatementFilter.by_speaker`).
            models.Index(
                fields=["speaker_description"], condition=DESCRIBED, name="statement_described"
            ),
        ]

    def __str__(self):
        who = self.speaker or self.speaker_description
        return f"{who}, {self.date_display}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("statement-detail", args=[self.key])

    def fill_derived_fields(self):
        super().fill_derived_fields()
        if self.speaker_id and not self.speaker_country_id:
            self.speaker_country_id = self.speaker.country_id

    @property
    def speaker_label(self):
        return str(self.speaker) if self.speaker_id else self.speaker_description
