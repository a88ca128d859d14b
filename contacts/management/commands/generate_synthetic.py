import time

from django.core.management.base import BaseCommand
from django.db import transaction

from contacts.synthetic import TABLES, generate
from contacts.synthetic.bulk import (
    deferred_full_text_index,
    deferred_indexes,
    rollback_journal_in_memory,
    tune_for_bulk_load,
)
from contacts.synthetic.counts import deferred_source_counts


class Command(BaseCommand):
    help = "Generate deterministic synthetic contacts, statements, people and sources."

    def add_arguments(self, parser):
        parser.add_argument("--contacts", type=int, required=True)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--batch", type=int, default=50_000)

    def handle(self, *args, contacts, seed, batch, **options):
        started = time.perf_counter()

        def progress(done):
            rate = done / (time.perf_counter() - started)
            self.stdout.write(f"  {done:,} contacts ({rate:,.0f}/s)")

        tune_for_bulk_load()
        with rollback_journal_in_memory():
            # The full-text index is built last, once the other indexes are back: a
            # contact's language is read through its citations' contact_id index, and the
            # sources' counts through their source_id index.
            with (
                transaction.atomic(),
                deferred_source_counts(),
                deferred_full_text_index(),
                deferred_indexes(*TABLES),
            ):
                counts = generate(contacts, seed=seed, batch=batch, progress=progress)
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{value:,} {name}" for name, value in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary} in {seconds:.1f} s ({contacts / seconds:,.0f} contacts/s)."
            )
        )
