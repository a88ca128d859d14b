"""A report under review: the stored source and what the proposer made of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Draft(models.Model):
    """Proposals for one source, kept until the editor saves them (so review can resume).

    `proposals` is the proposer's output (see intake.proposer.propose); `decisions` maps a
    proposal id to the editor's choice: {"status": "accepted" | "rejected", "data": {...}},
    where data holds the editor's corrections of the proposal's fields.
    """

    source = models.OneToOneField(
        "contacts.Source", on_delete=models.CASCADE, related_name="intake_draft"
    )
    proposals = models.JSONField(default=dict)
    decisions = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return f"Intake of {self.source}"

    def get_absolute_url(self):
        return reverse("intake-review", args=[self.pk])
