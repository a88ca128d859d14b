"""Family keys indexed only where there is one (partial indexes).

A full index's statistics count the rows without a family key: in an archive where most
names have none (the synthetic one: every name ends in a digit), SQLite's planner took a
family-key lookup to match every row and scanned the 100,000 people and their aliases on
every search (30 ms). A partial index holds, and counts, only the names that have one.

The old indexes are dropped by name, in SQL: altering the fields through the schema editor
would rebuild `contacts_person` on SQLite, which drops migration 0014's triggers. The
history tables' family keys are not looked up; their indexes go.
"""

from django.db import migrations, models

OLD = {  # table: the index Django named for `db_index=True` in migration 0016
    "contacts_person": "contacts_person_family_key_ca6e8d0e",
    "contacts_personalias": "contacts_personalias_family_key_dd7f7986",
    "contacts_historicalperson": "contacts_historicalperson_family_key_cf0641b6",
    "contacts_historicalpersonalias": "contacts_historicalpersonalias_family_key_e8c7c5ce",
}


def drop_full_indexes(apps, schema_editor):
    for name in OLD.values():
        schema_editor.execute(f"DROP INDEX {name}")  # a wrong name fails, not drifts
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}_like")


def create_full_indexes(apps, schema_editor):
    for table, name in OLD.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} (family_key)")
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX {name}_like ON {table} (family_key text_pattern_ops)"
            )


def field():
    return models.TextField(editable=False, null=True)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0016_person_family_key")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=model, name="family_key", field=field())
                for model in ("historicalperson", "historicalpersonalias", "person", "personalias")
            ],
            database_operations=[
                migrations.RunPython(drop_full_indexes, create_full_indexes, elidable=False)
            ],
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(family_key__isnull=False),
                fields=["family_key"],
                name="person_family_key",
            ),
        ),
        migrations.AddIndex(
            model_name="personalias",
            index=models.Index(
                condition=models.Q(family_key__isnull=False),
                fields=["family_key"],
                name="alias_family_key",
            ),
        ),
    ]
