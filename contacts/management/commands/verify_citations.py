from django.core.management.base import BaseCommand, CommandError

from contacts.integrity import failing_citations
from contacts.models import Citation


class Command(BaseCommand):
    help = "Check every citation's excerpt against its source's text; exit 1 if any fails."

    def handle(self, *args, **options):
        failures = list(failing_citations())
        for citation, reason in failures:
            self.stdout.write(
                f"FAIL citation {citation.pk} -> {citation.record_label} "
                f"'{citation.record}': {reason}"
            )
        total = Citation.objects.count()
        if failures:
            raise CommandError(f"{len(failures)} of {total} citations do not verify.")
        self.stdout.write(self.style.SUCCESS(f"All {total} citations verify."))
