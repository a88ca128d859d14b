import getpass
import os

from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

ENVIRONMENT = {
    "username": "TRACKER_ADMIN_USERNAME",
    "password": "TRACKER_ADMIN_PASSWORD",
    "email": "TRACKER_ADMIN_EMAIL",
}


class Command(BaseCommand):
    help = (
        "Create the first administrator (a superuser in the Administrator group). Asks for "
        "the username, e-mail and password, or with --no-input reads TRACKER_ADMIN_USERNAME, "
        "TRACKER_ADMIN_PASSWORD and TRACKER_ADMIN_EMAIL. Never changes an existing user."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Read the account from the TRACKER_ADMIN_* environment variables.",
        )

    def handle(self, *args, interactive=True, **options):
        if interactive:
            username, email, password = self.ask()
        else:
            username, email, password = self.from_environment()
        username = username.strip()
        if not username:
            raise CommandError("A username is required.")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"User '{username}' already exists; it was left unchanged.")
        candidate = User(username=username, email=email)
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user = User.objects.create_superuser(username=username, email=email, password=password)
        user.groups.add(Group.objects.get(name="Administrator"))
        self.stdout.write(f"Administrator '{username}' created; log in at /admin/.")

    def from_environment(self):
        missing = [name for key, name in ENVIRONMENT.items() if key != "email"]
        missing = [name for name in missing if not os.environ.get(name)]
        if missing:
            raise CommandError(f"--no-input needs {' and '.join(missing)} in the environment.")
        return (
            os.environ[ENVIRONMENT["username"]],
            os.environ.get(ENVIRONMENT["email"], ""),
            os.environ[ENVIRONMENT["password"]],
        )

    def ask(self):
        username = input("Username: ")
        email = input("E-mail (optional): ").strip()
        password = getpass.getpass("Password (12+ characters): ")
        if password != getpass.getpass("Password again: "):
            raise CommandError("The two passwords differ; nothing was created.")
        return username, email, password
