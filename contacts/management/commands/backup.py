from contacts.management.backup_command import BackupCommand
from contacts.operations.backup import backup, describe


class Command(BackupCommand):
    help = (
        "Copy the whole database to a new file: SQLite's online backup API (safe while the "
        "server runs), or pg_dump's custom format for PostgreSQL."
    )
    path_help = "the backup file to write (must not exist)"

    def run(self, path, **options):
        written = backup(path)
        return f"Backed up {describe()} to {written} ({written.stat().st_size:,} bytes)."
