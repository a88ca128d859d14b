"""Who took part in a contact: a named person, or an unnamed counterpart, and their part."""

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Concat
from simple_history.models import HistoricalRecords

from ..aggregates import fields
from .base import CleanText, optional_reference
from .roles import Role

UNNAMED = " (unnamed)"


def label_expression():
    """A participant as text, in SQL: their name, or "his French counterpart (unnamed)".
    The one rule: `Participant.label` is its Python twin."""
    return Coalesce("person__name", Concat("description", Value(UNNAMED)))


def row_fields():
    """A participant as the contacts' row source reads it (`contacts.aggregates.fields`):
    id, initiator flag, name, slug, description, country, label."""
    return fields(
        "pk",
        "is_initiator",
        Coalesce("person__name", Value("")),
        Coalesce("person__slug", Value("")),
        "description",
        Coalesce("country__name", Value("")),
        label_expression(),
    )


class ParticipantQuerySet(models.QuerySet):
    """The parts people play in contacts: the one definition of "initiated" and "received"."""

    def initiators(self):
        return self.filter(is_initiator=True)

    def recipients(self):
        """Participants someone else reached out to: not the initiator of a contact whose
        initiator is known (a contact with none has no recipients either)."""
        return self.filter(is_initiator=False, contact__participants__is_initiator=True)


class ParticipantManager(models.Manager.from_queryset(ParticipantQuerySet)):
    def get_by_natural_key(self, contact_key, person_slug, description):
        if person_slug:
            return self.get(contact__key=contact_key, person__slug=person_slug)
        return self.get(contact__key=contact_key, person=None, description=description)


class Participant(CleanText):
    """A named person, or an unnamed counterpart ("his French counterpart")."""

    contact = models.ForeignKey(
        "Contact", on_delete=models.CASCADE, related_name="participants", db_index=False
    )
    # contact, person and country are served by the composite indexes participant_contact,
    # participant_person and participant_country.
    person = optional_reference("Person", "participations", db_index=False)
    description = models.CharField(
        max_length=200, blank=True, help_text="For an unnamed counterpart, as the report puts it."
    )
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    country = optional_reference(
        "Country",
        "participations",
        db_index=False,
        help_text="Filled in from the person when left empty.",
    )
    is_initiator = models.BooleanField("initiated the contact", default=False)
    contact_date = models.DateField(
        null=True,
        editable=False,
        help_text="The contact's start date, copied so that one index gives a person's "
        "(or a country's) contacts in date order.",
    )
    contact_end = models.DateField(
        null=True,
        editable=False,
        help_text="The contact's end date, copied with its start: a person's contacts and "
        "their dates are read from one index (the chart over a person's contacts).",
    )

    objects = ParticipantManager()
    history = HistoricalRecords(excluded_fields=["contact_date", "contact_end"])

    class Meta:
        ordering = ["-is_initiator", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | (~Q(description="") & Q(country__isnull=False)),
                name="participant_named_or_described",
                violation_error_message="Choose a person, or describe an unnamed counterpart "
                "and give their country.",
            ),
            models.UniqueConstraint(
                fields=["contact", "person"],
                condition=Q(person__isnull=False),
                name="participant_once_per_contact",
                violation_error_message="This person already takes part in this contact.",
            ),
            models.UniqueConstraint(
                fields=["contact", "description"],
                condition=Q(person__isnull=True),
                name="unnamed_participant_once_per_contact",
                violation_error_message="This counterpart is already listed.",
            ),
            models.UniqueConstraint(
                fields=["contact"],
                condition=Q(is_initiator=True),
                name="one_initiator_per_contact",
                violation_error_message="A contact has at most one initiator.",
            ),
        ]
        indexes = [
            # A contact's participants, and who they are, from the index alone: the facets
            # of a list (countries, initiators) and the network's pairs read no table row.
            models.Index(
                fields=["contact", "is_initiator", "country", "person"], name="participant_contact"
            ),
            models.Index(fields=["person", "is_initiator", "contact"], name="participant_person"),
            models.Index(
                fields=["person", "contact_date", "contact_end", "contact", "is_initiator"],
                name="participant_person_date",
            ),
            models.Index(fields=["country", "is_initiator", "contact"], name="participant_country"),
            models.Index(
                fields=["country", "contact_date", "contact_end", "contact"],
                name="participant_country_date",
            ),
            models.Index(
                fields=["contact"], condition=Q(person__isnull=True), name="participant_unnamed"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """As `label_expression()` writes it in SQL."""
        return self.person.name if self.person_id else f"{self.description}{UNNAMED}"

    def natural_key(self):
        return (self.contact.key, self.person.slug if self.person_id else "", self.description)

    natural_key.dependencies = ["contacts.contact", "contacts.person"]

    def fill_derived_fields(self):
        if self.person_id and not self.country_id:
            self.country_id = self.person.country_id
        if self.contact_id:
            self.contact_date = self.contact.date_start
            self.contact_end = self.contact.date_end

    def clean(self):
        self.fill_derived_fields()
