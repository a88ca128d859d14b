"""News articles and the verbatim excerpts that cite them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from contacts.models.base import EditedRecord
from contacts.text import excerpt_digest, excerpt_occurs_in

from .base import optional_reference


class SourceManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(EditedRecord):
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=500)
    outlet = optional_reference(
        "Organisation", "articles", help_text="Only when the article itself names it."
    )
    url = models.URLField("URL", max_length=1000, blank=True)
    reported_date = models.DateField(
        null=True, blank=True, help_text="The day the story is about, if the article says."
    )
    published_date = models.DateField(
        null=True, blank=True, help_text="When the article was published (not a page stamp)."
    )
    text = models.TextField("full text", help_text="The article exactly as published.")
    notes = models.TextField(blank=True, help_text="Page furniture, stamps, known errors.")
    language = models.CharField(
        max_length=10, blank=True, default="", db_default="", help_text="ISO 639-1 code, e.g. en."
    )
    text_digest = models.CharField(
        max_length=64,
        blank=True,
        default="",
        db_default="",
        editable=False,
        db_index=True,
        help_text="Of the normalised text: the same report pasted twice is recognised.",
    )

    objects = SourceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("published_date").desc(nulls_last=True), "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("source-detail", args=[self.pk])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["contacts.organisation"]

    def contains(self, excerpt):
        return excerpt_occurs_in(excerpt, self.text)

    def fill_derived_fields(self):
        self.text_digest = excerpt_digest(self.text)


class CitationManager(models.Manager):
    def get_by_natural_key(self, source_slug, digest, record_label, *record_key):
        if not record_key:  # a citation whose record is not stored yet
            raise Citation.DoesNotExist(f"No record for a citation of {source_slug}.")
        record_model = Citation._meta.get_field(record_label).related_model
        record = record_model._default_manager.get_by_natural_key(*record_key)
        return self.get(source__slug=source_slug, excerpt_digest=digest, **{record_label: record})


class Citation(EditedRecord):
    """A verbatim excerpt from a source, backing exactly one record."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    excerpt = models.TextField(help_text="Copied verbatim from the source text.")
    excerpt_digest = models.CharField(max_length=64, editable=False)
    date_as_written = models.CharField(
        max_length=200,
        blank=True,
        help_text="The article's own words for the date, e.g. 'on Friday'.",
    )
    note = models.TextField(blank=True, help_text="e.g. where the article is wrong and why.")
    contact = optional_reference("Contact", "citations", on_delete=models.CASCADE)
    statement = optional_reference("Statement", "citations", on_delete=models.CASCADE)
    office = optional_reference("OfficeHolding", "citations", on_delete=models.CASCADE)

    objects = CitationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact__isnull=False, statement__isnull=True, office__isnull=True)
                | Q(contact__isnull=True, statement__isnull=False, office__isnull=True)
                | Q(contact__isnull=True, statement__isnull=True, office__isnull=False),
                name="citation_backs_exactly_one_record",
                violation_error_message="A citation backs one contact, statement or office.",
            ),
            *(
                models.UniqueConstraint(
                    fields=[field, "source", "excerpt_digest"],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"citation_unique_per_{field}",
                    violation_error_message="This record already cites this excerpt.",
                )
                for field in ("contact", "statement", "office")
            ),
        ]

    def __str__(self):
        return f"{self.source}: “{self.excerpt[:80]}”"

    @property
    def record(self):
        return self.contact or self.statement or self.office

    @property
    def record_label(self):
        return next(
            (label for label in ("contact", "statement", "office") if getattr(self, f"{label}_id")),
            None,
        )

    def natural_key(self):
        label = self.record_label
        record_key = getattr(self, label).natural_key() if label else ()
        return (self.source.slug, excerpt_digest(self.excerpt), label or "", *record_key)

    natural_key.dependencies = [
        "contacts.source",
        "contacts.contact",
        "contacts.statement",
        "contacts.officeholding",
    ]

    def verification_error(self):
        """Why this excerpt does not verify against its source, or None."""
        if not self.excerpt.strip():
            return "The excerpt is empty."
        if not self.source.contains(self.excerpt):
            return f"The excerpt was not found in the text of '{self.source}'."
        return None

    def clean(self):
        self.fill_derived_fields()
        if self.source_id and (error := self.verification_error()):
            raise ValidationError({"excerpt": error})

    def fill_derived_fields(self):
        self.excerpt_digest = excerpt_digest(self.excerpt)
