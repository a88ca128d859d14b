"""The three groups and what each may do (migrations 0002 and 0014, squashed).

Self-contained: a copy of contacts/groups.py's rule as it stood, for the historical models.
"""

from django.db import migrations

RECORD_MODELS = [
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
# Administrators see failed and successful log-ins (django-axes) and unlock users: deleting a
# user's access attempts is what "Unlock log-in" on the list of users does.
LOG_IN_LOCK_PERMISSIONS = ["view_accessattempt", "delete_accessattempt", "view_accesslog"]


def ensure_groups(apps, schema_editor):
    """Create (or repair) Analyst, Editor and Administrator with their permissions."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    records = Permission.objects.filter(
        content_type__app_label="contacts", content_type__model__in=RECORD_MODELS
    )
    viewing = records.filter(codename__startswith="view_")
    accounts = Permission.objects.filter(content_type__app_label="auth")
    log_in_locks = Permission.objects.filter(
        content_type__app_label="axes", codename__in=LOG_IN_LOCK_PERMISSIONS
    )
    Group.objects.get_or_create(name="Analyst")[0].permissions.set(viewing)
    Group.objects.get_or_create(name="Editor")[0].permissions.set(records)
    Group.objects.get_or_create(name="Administrator")[0].permissions.set(
        records | accounts | log_in_locks
    )


class Migration(migrations.Migration):
    replaces = [
        ("contacts", "0002_groups"),
        ("contacts", "0014_administrators_unlock_log_ins"),
    ]

    dependencies = [
        ("contacts", "0001_squashed_records"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(ensure_groups, migrations.RunPython.noop)]
