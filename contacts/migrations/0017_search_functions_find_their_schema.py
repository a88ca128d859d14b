"""PostgreSQL: the search's PL/pgSQL functions name their schema in their own settings.

pg_restore (and pg_dump's plain scripts) run with an empty search_path, so a PL/pgSQL body
calling another tracker_* function or naming a tracker_* text search configuration without
its schema fails while the data is copied back in. SQL-standard bodies (BEGIN ATOMIC) are
bound when they are created and need nothing. Self-contained: imports nothing from the app.
"""

from django.db import migrations

PLPGSQL_FUNCTIONS = """
    SELECT p.oid::regprocedure::text FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_language l ON l.oid = p.prolang
    WHERE n.nspname = current_schema() AND p.proname LIKE 'tracker\\_%' AND l.lanname = 'plpgsql'
"""


def set_search_path(schema_editor, setting):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(PLPGSQL_FUNCTIONS)
        functions = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        for function in functions:
            clause = f'SET search_path = "{schema}", pg_catalog' if setting else "RESET search_path"
            cursor.execute(f"ALTER FUNCTION {function} {clause}")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        set_search_path(schema_editor, setting=True)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        set_search_path(schema_editor, setting=False)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0016_search_by_word_forms_postgresql")]

    operations = [migrations.RunPython(forward, backward)]
