from django.core.management.base import BaseCommand, CommandError

from contacts.operations.backup import BackupError, backup, describe


class Command(BaseCommand):
    help = (
        "Copy the whole database to a new file: SQLite's online backup API (safe while the "
        "server runs), or pg_dump's custom format for PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write (must not exist)")

    def handle(self, *args, path, **options):
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = written.stat().st_size
        self.stdout.write(f"Backed up {describe()} to {written} ({size:,} bytes).")
