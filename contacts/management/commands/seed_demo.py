from django.core.management.base import BaseCommand

from contacts.operations.seeding import is_empty, load_seed, stored_counts


class Command(BaseCommand):
    help = (
        "Load the seed fixtures into an empty database. A database that holds any record "
        "is left exactly as it is (use reset_demo to start over)."
    )

    def handle(self, *args, **options):
        if not is_empty():
            held = ", ".join(f"{n} {name}" for name, n in stored_counts().items() if n)
            self.stdout.write(
                f"The database already holds records ({held}): the seed was not loaded and "
                "nothing was changed. `make reset-demo` replaces everything with the seed."
            )
            return
        load_seed(verbosity=options["verbosity"])
