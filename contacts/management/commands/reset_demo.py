from django.core.management.base import BaseCommand, CommandError

from contacts.operations.seeding import reset_to_seed, stored_counts


class Command(BaseCommand):
    help = (
        "DESTROY every contact, statement, person, source, organisation and country, then "
        "load the seed fixtures. Accounts are kept; each deleted record stays in its history."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask; delete and reload at once."
        )

    def handle(self, *args, **options):
        held = [f"  {n} {name}" for name, n in stored_counts().items() if n]
        self.stdout.write("This deletes every record and loads the seed again:")
        self.stdout.write("\n".join(held) or "  (the database holds no records)")
        if not options["yes"]:
            answer = input("Type 'reset' to delete all of them: ")
            if answer.strip() != "reset":
                raise CommandError("Nothing was deleted.")
        reset_to_seed(verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS("The database now holds the seed data only."))
