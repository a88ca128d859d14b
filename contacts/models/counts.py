"""How many records cite each source and involve each person, kept by the database.

The sources' and people's lists sort by these counts. Counted per request, a sort by them
counts every source's citations (500,000 sources: seven seconds on SQLite); kept here, a
sort reads an index. Database triggers (migration 0014) keep them in step with every
write, by the admin, intake, a merge, a fixture load or raw SQL:

- a new source or person gets its row of zeros, removed with it (Django leaves it to
  the database: `DO_NOTHING`);
- a citation added, changed or removed recounts its source's distinct contacts and
  statements (a contact citing one source twice counts once);
- a participant or statement added, changed or removed moves its person's counts by one.

Django never writes these rows after the migration's first fill, so that no form can
save a stale count back.
"""

from django.db import models

from .people import Person
from .sources import Source


class SourceCounts(models.Model):
    source = models.OneToOneField(
        Source, primary_key=True, on_delete=models.DO_NOTHING, related_name="counts"
    )
    contacts = models.PositiveIntegerField(default=0)
    statements = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "source counts"
        indexes = [
            models.Index(fields=["contacts", "source"], name="source_counts_contacts"),
            models.Index(fields=["statements", "source"], name="source_counts_statements"),
        ]

    def __str__(self):
        return f"{self.source_id}: {self.contacts} contacts, {self.statements} statements"


class PersonCounts(models.Model):
    person = models.OneToOneField(
        Person, primary_key=True, on_delete=models.DO_NOTHING, related_name="counts"
    )
    contacts = models.PositiveIntegerField(default=0)
    statements = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "person counts"
        indexes = [
            models.Index(fields=["contacts", "person"], name="person_counts_contacts"),
            models.Index(fields=["statements", "person"], name="person_counts_statements"),
        ]

    def __str__(self):
        return f"{self.person_id}: {self.contacts} contacts, {self.statements} statements"
