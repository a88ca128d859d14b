"""Diplomatic contacts: who reached out to whom, when, how; the participants are in
`participants`."""

from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..aggregates import TRUE_TEXT, joined, parse, split
from .base import Keyed, KeyedQuerySet
from .dates import DATE_CONSTRAINTS, SPANNING, DatedRecord, overlapping
from .participants import Participant, row_fields


class ContactKind(models.TextChoices):
    PHONE_CALL = "phone_call", "Phone call"
    VIDEO_CALL = "video_call", "Video call"
    MEETING = "meeting", "Meeting"
    VISIT = "visit", "Visit"
    MESSAGE = "message", "Message or letter"
    TALKS = "talks", "Talks (medium not reported)"

    @property
    def cameo(self):
        return CAMEO_CODES[self]

    @property
    def plover(self):
        return PLOVER_MODES[self]


# CAMEO 04x "Consult" and PLOVER CONSULT modes, to join with event datasets.
CAMEO_CODES = {
    ContactKind.PHONE_CALL: "041",
    ContactKind.VIDEO_CALL: "041",
    ContactKind.MEETING: "044",
    ContactKind.VISIT: "042/043",
    ContactKind.MESSAGE: "040",
    ContactKind.TALKS: "040",
}
PLOVER_MODES = {
    ContactKind.PHONE_CALL: "CONSULT-phone",
    ContactKind.VIDEO_CALL: "CONSULT-phone",
    ContactKind.MEETING: "CONSULT-meet",
    ContactKind.VISIT: "CONSULT-visit",
    ContactKind.MESSAGE: "CONSULT",
    ContactKind.TALKS: "CONSULT",
}


class Certainty(models.TextChoices):
    STATED = "stated", "Stated in the report"
    IMPLIED = "implied", "Implied by the report"
    UNKNOWN = "unknown", "Unknown"


def participant_text():
    """A contact's participants as `Contact.participant_text` holds them, in SQL."""
    return Coalesce(joined(Participant.objects, "contact", row_fields()), Value("[]"))


CELLS = ["initiator_cell", "others_cell", "countries_cell"]
SEPARATOR = "; "


def participant_cells(text):
    """The export's Initiator, Other participants and Countries cells of a contact, from
    its `participant_text`: the first initiator's label; the others' labels in the order of
    their ids; the countries' names, each once, sorted."""
    initiator, others, countries = "", [], set()
    for person in parse(text):
        if person[1] in TRUE_TEXT and not initiator:
            initiator = person[6]
        else:
            others.append(person)
        if person[5]:
            countries.add(person[5])
    if len(others) > 1:
        others.sort(key=lambda person: int(person[0]))
    return initiator, SEPARATOR.join(p[6] for p in others), SEPARATOR.join(sorted(countries))


class ContactQuerySet(KeyedQuerySet):
    # Participation tests are semi-joins (pk IN ...), so no DISTINCT over large results.
    def with_participants(self, participants=None, **conditions):
        """Contacts in which one of `participants` (a Participant queryset), or a participant
        meeting `conditions`, takes part."""
        rows = Participant.objects.all() if participants is None else participants
        return self.filter(pk__in=rows.filter(**conditions).values("contact"))

    def with_frequent_participants(self, participants):
        """`with_participants(participants)` tested contact by contact (EXISTS), for
        participants in thousands of contacts: read in date order, the first page of such a
        person's contacts is among the most recent few hundred contacts, where the other
        form reads and sorts every one of theirs."""
        return self.filter(Exists(participants.filter(contact=OuterRef("pk"))))

    def initiated_by(self, person=None, **conditions):
        """Contacts `person` (or a participant meeting `conditions`: a country, say)
        initiated."""
        if person is not None:
            conditions["person"] = person
        return self.with_participants(Participant.objects.initiators(), **conditions)

    def received_by(self, person=None, **conditions):
        """Contacts `person` (or a participant meeting `conditions`) took part in that
        someone else initiated."""
        if person is not None:
            conditions["person"] = person
        return self.with_participants(Participant.objects.recipients(), **conditions)

    def between(self, start, end):
        """Contacts whose date (or date range) overlaps [start, end]."""
        return self.filter(overlapping(start, end))

    def latest_of(self, person, limit):
        """`person`'s `limit` most recent contacts, read in date order from one index."""
        recent = Participant.objects.filter(person=person).order_by(
            "-contact_date", "-contact_end", "-contact_id"
        )
        return self.filter(pk__in=recent.values("contact")[:limit])

    def with_country(self, country):
        return self.with_participants(country=country)

    def refresh_summaries(self):
        """Recompute the initiator, participant and source columns of these contacts, and
        their participants as the row source reads them (`participant_text`)."""
        from .sources import Citation

        initiator = Participant.objects.filter(contact=OuterRef("pk"), is_initiator=True)
        label = initiator.annotate(label=Coalesce("person__name", "description")).values("label")
        people = Participant.objects.filter(contact=OuterRef("pk")).order_by().values("contact")
        sources = Citation.objects.filter(contact=OuterRef("pk")).order_by().values("contact")
        with transaction.atomic(using=self.db):  # the cells are written from the text
            updated = self.update(
                initiator_label=Coalesce(Subquery(label[:1]), Value("")),
                participant_text=participant_text(),
                participant_count=Coalesce(Subquery(people.annotate(n=Count("pk")).values("n")), 0),
                source_count=Coalesce(
                    Subquery(sources.annotate(n=Count("source", distinct=True)).values("n")), 0
                ),
            )
            self.refresh_cells()
        return updated

    def refresh_cells(self):
        """Write the export's participant cells (CELLS) from each contact's stored
        `participant_text`."""
        contacts = [
            self.model(pk=pk, **dict(zip(CELLS, participant_cells(text), strict=True)))
            for pk, text in self.order_by().values_list("pk", "participant_text")
        ]
        self.model.objects.db_manager(self.db).bulk_update(contacts, CELLS, batch_size=500)


class ContactManager(models.Manager.from_queryset(ContactQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Contact(Keyed, DatedRecord):
    kind = models.CharField(max_length=20, choices=ContactKind.choices)
    location = models.CharField(max_length=200, blank=True)
    summary = models.TextField()
    initiator_certainty = models.CharField(
        "how sure is the initiator",
        max_length=10,
        choices=Certainty.choices,
        default=Certainty.UNKNOWN,
    )
    # Kept in step with participants and citations (signals.py), so tables can sort by them.
    initiator_label = models.CharField(max_length=200, blank=True, editable=False)
    participant_count = models.PositiveSmallIntegerField(default=0, editable=False)
    source_count = models.PositiveSmallIntegerField("number of sources", default=0, editable=False)
    # The participants as the row source reads them (JSON, `row_fields()` each), so that a
    # table page or an export reads one table.
    participant_text = models.TextField(default="[]", db_default="[]", editable=False)
    # The export's participant cells (`participant_cells`), so that a CSV writes them as read.
    initiator_cell = models.TextField(default="", db_default="", editable=False)
    others_cell = models.TextField(default="", db_default="", editable=False)
    countries_cell = models.TextField(default="", db_default="", editable=False)

    objects = ContactManager()
    history = HistoricalRecords(
        excluded_fields=[
            "initiator_label",
            "participant_count",
            "source_count",
            "participant_text",
            *CELLS,
        ]
    )

    class Meta:
        ordering = ["-date_start", "-date_end", "-pk"]
        constraints = DATE_CONSTRAINTS
        indexes = [
            models.Index(fields=["date_start", "date_end", "id"], name="contact_dates"),
            models.Index(fields=["kind", "date_start", "date_end", "id"], name="contact_kind_date"),
            models.Index(fields=["initiator_label", "date_start", "id"], name="contact_initiator"),
            models.Index(fields=["location", "date_start", "id"], name="contact_location"),
            models.Index(fields=["source_count", "date_start", "id"], name="contact_sources"),
            models.Index(fields=["date_end"], condition=SPANNING, name="contact_spanning"),
            models.Index(
                fields=["kind", "date_end"], condition=SPANNING, name="contact_kind_spanning"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.date_display}: {self.summary[:60]}"

    def get_absolute_url(self):
        return reverse("contact-detail", args=[self.pk])

    @property
    def initiator(self):
        """The initiating participant (uses prefetched participants)."""
        return next((p for p in self.participants.all() if p.is_initiator), None)

    @property
    def initiator_name(self):
        """The initiator as text, from `participant_text` (no query)."""
        rows = split(self.participant_text)
        return next((row[-1] for row in rows if row[1] in TRUE_TEXT), "")

    @property
    def recipient_names(self):
        """The other participants as text, from `participant_text` (no query)."""
        return [row[-1] for row in split(self.participant_text) if row[1] not in TRUE_TEXT]

    @property
    def recipients(self):
        return [p for p in self.participants.all() if not p.is_initiator]

    @property
    def cameo_code(self):
        return ContactKind(self.kind).cameo

    @property
    def plover_mode(self):
        return ContactKind(self.kind).plover
