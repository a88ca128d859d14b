"""The three groups analysts, editors and administrators belong to."""

from django.db import migrations

from contacts.groups import ensure_groups


def create_groups(apps, schema_editor):
    ensure_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Analyst", "Editor", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
