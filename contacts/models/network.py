"""One calendar month's network, as the network page counts it, kept until an edit touches
that month.

The network page over a whole month reads every participant of that month's contacts
three times (pairs by initiator, pairs without one, each node's total): at a million
contacts, 20,000 contacts and 70,000 participants. Their result, the busiest pairs and
nodes (`contacts.network.analysis`), is a few hundred rows; it is kept here per month,
per grouping (people or countries) and per drawing (every row, or only those a page of so
many edges and columns draws, `network.drawn`), and read back in one query.

Database triggers on the participants' table (migration 0009) delete the months a
participant's contact overlaps whenever a participant is added, changed or removed, and a
contact's new dates reach its participants (`contact_date`, `contact_end`) as an update:
every write, by the admin, intake, a merge or raw SQL, leaves no stale month behind. The
next request counts the month again and keeps it.
"""

from django.db import models


class NetworkMonth(models.Model):
    month = models.DateField(help_text="The month's first day.")
    group = models.CharField(max_length=10)  # "person" or "country"
    drawn = models.CharField(
        max_length=20,
        blank=True,
        help_text='Empty: every counted row; "250x25": only what a page drawing 250 edges '
        "and 25 columns shows.",
    )
    rows = models.TextField(help_text="The counted pairs and nodes, as JSON.")
    counted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "group", "drawn"], name="network_month_drawn_once"
            ),
        ]

    def __str__(self):
        return f"{self.month:%B %Y}, by {self.group}"
