from django.core.management.base import CommandError

from contacts.management.backup_command import BackupCommand
from contacts.operations.backup import describe, restore


class Command(BackupCommand):
    help = (
        "Replace the whole database with a backup written by `manage.py backup` "
        "(stop the server first). Refuses without --yes."
    )
    path_help = "a file written by `manage.py backup`"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--yes", action="store_true", help="really replace every table of the database"
        )

    def run(self, path, yes=False, **options):
        what = f"every table of {describe()} with the contents of {path}"
        if not yes:
            raise CommandError(
                f"This would replace {what}; every change made since that backup would be "
                "lost. Stop the server, then run again with --yes."
            )
        restore(path)
        return f"Replaced {what}."
