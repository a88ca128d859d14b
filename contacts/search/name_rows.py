"""The candidate names of a search (`names.Lookup`), read in one SQL statement.

Written as SQL rather than through the ORM because every search asks it, usually to learn
that no word names anyone: the ORM spent about 10 ms building the union of four querysets
around a condition used four times, against a fraction of a millisecond to run it.
Rows are (entity, id, key, kind, name, abbreviation, other names, matched, and a person's
stored counts of contacts and statements), as `names.Lookup.read` takes them.
"""

from django.db import connection

from contacts.models import (
    Country,
    Organisation,
    OrganisationName,
    Person,
    PersonAlias,
    PersonCounts,
)


class Condition:
    """A WHERE clause over `name_key` and `family_key`, with its parameters."""

    def __init__(self):
        self.parts, self.params = [], []

    def equals_any(self, keys):
        if keys:
            self.parts.append(f"name_key IN ({', '.join(['%s'] * len(keys))})")
            self.params += sorted(keys)

    def starts_with(self, prefix):
        """An index range on either database (PostgreSQL's `_like` index takes LIKE)."""
        if connection.vendor == "postgresql":
            self.parts.append("name_key LIKE %s")
            self.params.append(connection.ops.prep_for_like_query(prefix) + "%")
        else:
            self.parts.append("(name_key >= %s AND name_key < %s)")
            self.params += [prefix, prefix + "\U0010ffff"]

    def family_is(self, key):
        self.parts.append("family_key = %s")
        self.params.append(key)

    @property
    def sql(self):
        return " OR ".join(self.parts) or "1 = 0"


def candidate_rows(condition, organisation_keys, limit, country_codes=()):
    with connection.cursor() as cursor:
        cursor.execute(*candidate_sql(condition, organisation_keys, limit, country_codes))
        return cursor.fetchall()


def in_list(column, values):
    return f"{column} IN ({', '.join(['%s'] * len(values))})" if values else "1 = 0"


def candidate_sql(condition, organisation_keys, limit, country_codes=()):
    """(SQL, parameters) reading every name and alias of the people (at most `limit`) with
    a name or alias meeting `condition`, `matched` on those that met it, with their stored
    counts of contacts and statements; each organisation one of `organisation_keys` names;
    and each known country of `country_codes`, or stored under one of those keys (a short
    table, its names not indexed), its code as its abbreviation. Countries first, then
    organisations, matched names, the others."""
    quoted = connection.ops.quote_name
    person, alias = quoted(Person._meta.db_table), quoted(PersonAlias._meta.db_table)
    organisation = quoted(Organisation._meta.db_table)
    named = quoted(OrganisationName._meta.db_table)
    where, params = condition.sql, condition.params
    keys, codes = sorted(organisation_keys), sorted(country_codes)
    country = quoted(Country._meta.db_table)
    counts = quoted(PersonCounts._meta.db_table)
    sql = f"""
        WITH found(id) AS (
            SELECT id FROM {person} WHERE {where}
            UNION SELECT person_id FROM {alias} WHERE {where}
            LIMIT {int(limit)}
        )
        SELECT 'person' AS entity, id AS pk, name_key, 'canonical' AS kind, name,
               '' AS abbreviation, '' AS other_names,
               CASE WHEN {where} THEN 1 ELSE 0 END AS matched,
               (SELECT contacts FROM {counts} WHERE person_id = {person}.id) AS contacts,
               (SELECT statements FROM {counts} WHERE person_id = {person}.id) AS statements
        FROM {person} WHERE id IN (SELECT id FROM found)
        UNION ALL
        SELECT 'person', person_id, name_key, kind, name, '', '',
               CASE WHEN {where} THEN 1 ELSE 0 END, NULL, NULL
        FROM {alias} WHERE person_id IN (SELECT id FROM found)
        UNION ALL
        SELECT 'organisation', id, '', '', name, abbreviation, other_names, 1, NULL, NULL
        FROM {organisation} WHERE id IN (
            SELECT organisation_id FROM {named} WHERE {in_list("name_key", keys)}
        )
        UNION ALL
        SELECT 'country', id, '', '', name, code, '', 1, NULL, NULL
        FROM {country} WHERE {in_list("code", codes)} OR {in_list("LOWER(name)", keys)}
        ORDER BY entity, matched DESC, pk
        LIMIT {int(limit)}
    """
    return sql, [*params, *params, *params, *params, *keys, *codes, *keys]
