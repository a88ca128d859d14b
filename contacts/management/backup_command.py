"""What the backup and restore commands share: a file path, and the operation's errors
(`BackupError`) answered as the command's own, without a traceback."""

from django.core.management.base import BaseCommand, CommandError

from contacts.operations.backup import BackupError


class BackupCommand(BaseCommand):
    path_help = ""

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)

    def handle(self, *args, path, **options):
        try:
            self.stdout.write(self.run(path, **options))
        except BackupError as error:
            raise CommandError(str(error)) from None

    def run(self, path, **options):
        """Do the operation on `path`; return what to tell the operator."""
        raise NotImplementedError
