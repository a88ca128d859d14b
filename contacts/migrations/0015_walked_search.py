"""PostgreSQL: `tracker_walk_matches(document, query)`, the full-text match written as a
function the planner cannot see into.

A page of a search's newest matches is found fastest, when many rows match, by walking the
date index and testing each row. The planner chooses that walk only when it believes many
rows match, and for a name's phrases it guesses a few dozen where tens of thousands match
(it multiplies the words' frequencies, and a name's words come together): it then reads and
sorts every match. The search (`search.matching`) has counted the matches when it uses this
function; the planner gives an opaque boolean function its default share of rows and walks.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION tracker_walk_matches(document tsvector, query tsquery) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN RETURN document @@ query; END $$
"""
DROP = "DROP FUNCTION IF EXISTS tracker_walk_matches(tsvector, tsquery)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0014_stored_counts")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
