from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

DEMO_ACCOUNTS = [
    # username, group, is_staff
    ("analyst", "Analyst", False),
    ("editor", "Editor", True),
    ("administrator", "Administrator", True),
]


class Command(BaseCommand):
    help = "Create one demo account per group (only with DEBUG on) and print the logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created when DEBUG is on.")
        self.stdout.write("Demo accounts (local use only):")
        for username, group_name, is_staff in DEMO_ACCOUNTS:
            password = f"{username}-demo-password"
            user, created = User.objects.get_or_create(username=username)
            if not created:  # never reset a password or groups someone may have changed
                self.stdout.write(
                    f"  {group_name:<14} username: {username:<14} (exists, unchanged)"
                )
                continue
            user.is_staff = is_staff
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(f"  {group_name:<14} username: {username:<14} password: {password}")
