from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Diplomatic contacts"

    def ready(self):
        from . import signals  # noqa: F401
        from .search import sqlite_function  # noqa: F401  (the full-text word function)


class TrackerAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the tracker's site (`admin/site.py`), every change list bounded.
    Named in INSTALLED_APPS in place of django.contrib.admin."""

    default = False  # the contacts app's own configuration stays ContactsConfig
    default_site = "contacts.admin.site.TrackerAdminSite"

    def ready(self):
        super().ready()  # every app's admin module registers its models
        from django.contrib import admin

        from contacts.admin import registered  # noqa: F401  (the contacts app's model admins)
        from contacts.admin.bounds import bound_every_change_list

        bound_every_change_list(admin.site)
