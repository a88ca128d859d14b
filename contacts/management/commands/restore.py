from django.core.management.base import BaseCommand, CommandError

from contacts.operations.backup import BackupError, describe, restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup written by `manage.py backup` "
        "(stop the server first). Refuses without --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by `manage.py backup`")
        parser.add_argument(
            "--yes", action="store_true", help="really replace every table of the database"
        )

    def handle(self, *args, path, yes=False, **options):
        what = f"every table of {describe()} with the contents of {path}"
        if not yes:
            raise CommandError(
                f"This would replace {what}; every change made since that backup would be "
                "lost. Stop the server, then run again with --yes."
            )
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Replaced {what}.")
