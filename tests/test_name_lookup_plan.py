"""The names a search may hold are looked up through indexes, whatever the statistics say
of the names without a family key (SQLite's planner scanned every person when most had
none)."""

import re

import pytest
from django.db import connection

from contacts.models import Person
from contacts.search.name_rows import candidate_sql
from contacts.search.names import CANDIDATE_ROWS, Lookup

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the plan read is SQLite's EXPLAIN QUERY PLAN"
)


def plan(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def test_a_word_is_looked_up_through_indexes_when_most_people_have_no_family_name(db):
    Person.objects.bulk_create(
        Person(name=f"Tarvo Lensk {n}", slug=f"tarvo-lensk-{n}", name_key=f"tarvo lensk {n}")
        for n in range(400)
    )
    assert not Person.objects.filter(family_key__isnull=False, name__startswith="Tarvo").exists()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    lookup = Lookup.__new__(Lookup)
    lookup.keys, lookup.joined = {"Vorhani": "vorhani"}, {}
    steps = plan(*candidate_sql(lookup.condition(), {"vorhani"}, CANDIDATE_ROWS))
    assert [step for step in steps if re.match(r"SCAN (TABLE )?contacts_person", step)] == []
    for index in ("person_family_key", "alias_family_key"):  # the partial indexes
        assert any(re.search(rf"INDEX {index}\b", step) for step in steps)
