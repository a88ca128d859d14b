"""Run by test_sqlite_concurrency in several processes at once: each records contacts."""

import datetime
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()

from contacts.models import Country, Person, Source  # noqa: E402
from contacts.services import record_contact  # noqa: E402

worker, count = sys.argv[1], int(sys.argv[2])
country, _ = Country.objects.get_or_create(code="ZZ", defaults={"name": "Testland"})
source, _ = Source.objects.get_or_create(
    slug="shared", defaults={"title": "T", "text": "They met."}
)
first = Person.objects.create(name=f"Writer {worker} A", slug=f"writer-{worker}-a", country=country)
second = Person.objects.create(
    name=f"Writer {worker} B", slug=f"writer-{worker}-b", country=country
)
for number in range(count):
    record_contact(
        kind="meeting",
        date_start=datetime.date(2020, 1, 1 + number % 28),
        summary=f"Meeting {number} by writer {worker}",
        participants=[first, second],
        initiator=first,
        citations=[(source, "They met.")],
    )
print("done", worker)
