from django.core.management.base import BaseCommand, CommandError

from contacts.integrity import integrity_problems


class Command(BaseCommand):
    help = (
        "Report every record that breaks a rule spanning rows (excerpts found in their "
        "sources, every record cited, two participants, initiator certainty); exit 1 if any."
    )

    def handle(self, *args, **options):
        problems = list(integrity_problems())
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} integrity problem(s) found.")
        self.stdout.write(self.style.SUCCESS("Every rule holds."))
