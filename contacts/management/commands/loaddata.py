"""loaddata that validates what it loads, all or nothing, and never overwrites.

Fixture labels are found as Django finds them (names in FIXTURE_DIRS, or paths); the
loading itself is `contacts.operations.loading.load_fixtures`: every file is read before anything is
saved, records load in dependency order whatever the file order, an existing natural key
is refused unless --update is given, and each loaded record gets a history row.
"""

from django.core.management.base import CommandError
from django.core.management.commands import loaddata

from contacts.operations.loading import FixtureError, load_fixtures


class Command(loaddata.Command):
    help = (
        "Load fixtures as one unit: refused (nothing changed) if any record is invalid, "
        "appears twice, or already exists (unless --update)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace records whose natural key already exists (recorded in their history).",
        )

    def handle(self, *fixture_labels, **options):
        self.using = options["database"]
        self.app_label = options["app_label"]
        self.verbosity = options["verbosity"]
        self.format = options["format"]
        self.serialization_formats = ["json"]
        paths = []
        for label in fixture_labels:
            paths += [path for path, _, _ in self.find_fixtures(label)]
        try:
            loaded = load_fixtures(paths, update=options["update"], using=self.using)
        except FixtureError as error:
            raise CommandError(str(error)) from error
        if self.verbosity >= 1:
            self.stdout.write(f"Installed {len(loaded)} object(s) from {len(paths)} fixture(s)")
