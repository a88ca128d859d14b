"""The sources list reads its default order (newest first) and its title order from indexes.

Without them every page of /sources/ sorted the whole table (500,000 rows in the bench),
and a common word's page probed the search index for every source before sorting.
PostgreSQL needs the descending order's NULLS LAST spelled out in the index; SQLite puts
NULL last when descending anyway and refuses NULLS LAST in an index. Self-contained.
"""

from django.db import migrations

INDEXES = {
    "source_published": (
        "(published_date DESC NULLS LAST, title DESC, id DESC)",
        "(published_date, title, id)",
    ),
    "source_title": ("(title, id)", "(title, id)"),
}


def create(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, (on_postgresql, on_sqlite) in INDEXES.items():
        columns = on_postgresql if postgresql else on_sqlite
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON contacts_source {columns}")


def drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    replaces = [
        ("contacts", "0018_sources_listed_in_index_order"),
    ]

    dependencies = [("contacts", "0003_squashed_search")]
    operations = [migrations.RunPython(create, drop)]
