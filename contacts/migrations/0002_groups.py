"""The three groups analysts, editors and administrators belong to."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APP_MODELS = [
    "country",
    "organisation",
    "person",
    "personalias",
    "officeholding",
    "source",
    "citation",
    "contact",
    "participant",
    "statement",
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    records = Permission.objects.filter(content_type__app_label="contacts", content_type__model__in=APP_MODELS)
    viewing = records.filter(codename__startswith="view_")
    accounts = Permission.objects.filter(content_type__app_label="auth")
    Group.objects.get_or_create(name="Analyst")[0].permissions.set(viewing)
    Group.objects.get_or_create(name="Editor")[0].permissions.set(records)
    Group.objects.get_or_create(name="Administrator")[0].permissions.set(records | accounts)


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
