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


class Counts(models.Model):
    """How many contacts and statements: the columns both kinds of counts share."""

    contacts = models.PositiveIntegerField(default=0)
    statements = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.pk}: {self.contacts} contacts, {self.statements} statements"


def sort_indexes(name):
    """An index per count, ending in the counted record's id (the lists' tie-break)."""
    return [
        models.Index(fields=[column, name], name=f"{name}_counts_{column}")
        for column in ("contacts", "statements")
    ]


class SourceCounts(Counts):
    source = models.OneToOneField(
        Source, primary_key=True, on_delete=models.DO_NOTHING, related_name="counts"
    )

    class Meta:
        verbose_name_plural = "source counts"
        indexes = sort_indexes("source")


class PersonCounts(Counts):
    person = models.OneToOneField(
        Person, primary_key=True, on_delete=models.DO_NOTHING, related_name="counts"
    )

    class Meta:
        verbose_name_plural = "person counts"
        indexes = sort_indexes("person")
