"""Fast bulk inserts for generated data: executemany on SQLite, COPY on PostgreSQL."""

from django.db import connection

from ..migrations._search_sqlite import COPIED, copied_columns
from ..migrations._trigrams import INDEXED as TRIGRAMS


def next_id(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return cursor.fetchone()[0] + 1


def tune_for_bulk_load():
    """A large page cache and sort memory for this connection; no fsync until the end."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB
            cursor.execute("PRAGMA threads = 2")  # sorting for index builds
            if not connection.in_atomic_block:  # (tests run inside a transaction)
                cursor.execute("PRAGMA synchronous = OFF")  # the load is one transaction
                cursor.execute("PRAGMA temp_store = MEMORY")
        else:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute("SET synchronous_commit = OFF")


class rollback_journal_in_memory:
    """On SQLite, keep the rollback journal in memory for the load instead of the WAL.

    A WAL holding a multi-gigabyte transaction is written twice (WAL, then checkpoint) and
    slows every page read; the journal goes back to WAL afterwards. Only outside a
    transaction, where SQLite allows the switch (tests run inside one).
    """

    def __enter__(self):
        self.previous = None
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                self.previous = cursor.execute("PRAGMA journal_mode").fetchone()[0]
                cursor.execute("PRAGMA journal_mode = MEMORY")
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.previous:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA journal_mode = {self.previous}")


class deferred_indexes:
    """Drop the secondary indexes of `tables` for a load and build them again after it.

    One sorted build per index is much faster than millions of random B-tree inserts.
    On PostgreSQL the foreign keys go too and are added back afterwards: one join validates
    each, instead of a queued check per inserted row. Primary keys and unique constraints
    stay; everything runs in the caller's transaction, so a failed load changes nothing.
    """

    def __init__(self, *tables):
        self.tables = tables

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    f"AND sql IS NOT NULL AND tbl_name IN ({', '.join(['%s'] * len(self.tables))})",
                    self.tables,
                )
            else:
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                    [list(self.tables)],
                )
            self.indexes = cursor.fetchall()
            self.foreign_keys = []
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                    "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                    [list(self.tables)],
                )
                self.foreign_keys = cursor.fetchall()
                # Run the checks already queued in this transaction, so the tables can change.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _ in self.foreign_keys:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            with connection.cursor() as cursor:
                for _, sql in self.indexes:
                    cursor.execute(sql)
                for table, name, definition in self.foreign_keys:
                    cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        if self.foreign_keys:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares them


def insert_rows(table, columns, rows):
    """Insert `rows` (tuples in `columns` order) into `table` in one statement or COPY."""
    if not rows:
        return
    names = ", ".join(columns)
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


class deferred_full_text_index:
    """Index the new rows' text in one pass after loading, not row by row.

    SQLite: the FTS5 insert triggers (the words' and the trigrams') are dropped for the load,
    the new rows are added to the FTS tables with one INSERT ... SELECT each (their words
    stemmed in the language each row takes, see contacts.search), each index is merged into
    one segment (most of its rows are new: the generator loads once), and the triggers are
    put back. PostgreSQL computes the stored documents as rows arrive; the triggers that
    give citations and contacts their sources' language are switched off for the load; the
    few rows whose language is not the default, and the contacts' excerpts, are set in one
    statement each afterwards. The GIN indexes of the sources' and contacts' documents are
    built once at the end.
    """

    TABLES = ("contacts_statement", "contacts_contact", "contacts_citation", "contacts_source")
    LANGUAGE_TRIGGERS = ("contacts_citation_search_language", "contacts_citation_contact_language")
    LATE_INDEXES = ("source_text_document", "contact_search_document")  # built once, at the end

    def __enter__(self):
        self.vendor = connection.vendor
        tables = {*self.TABLES, *(table for table, *_ in TRIGRAMS)}
        self.first_ids = {table: next_id(table) for table in tables}
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND (name LIKE '%%_fts_insert' OR name LIKE '%%_trigrams_inserted')"
                )
                self.triggers = cursor.fetchall()
                for name, _ in self.triggers:
                    cursor.execute(f"DROP TRIGGER {name}")
            else:
                for name in self.LANGUAGE_TRIGGERS:
                    cursor.execute(f"ALTER TABLE contacts_citation DISABLE TRIGGER {name}")
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
                    [list(self.LATE_INDEXES)],
                )
                self.late_indexes = cursor.fetchall()
                for name, _ in self.late_indexes:
                    cursor.execute(f"DROP INDEX {name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                self.index_new_rows(cursor)
                for _, sql in self.triggers:
                    cursor.execute(sql)
            else:
                self.set_languages(cursor)
                for name in self.LANGUAGE_TRIGGERS:
                    cursor.execute(f"ALTER TABLE contacts_citation ENABLE TRIGGER {name}")
                for _, sql in self.late_indexes:
                    cursor.execute(sql)

    def index_new_rows(self, cursor):
        for table, sql in sqlite_terms().items():
            names, values = copied_columns(COPIED.get(table, {}), table)
            cursor.execute(
                f"INSERT INTO {table}_fts(rowid, terms{names}) SELECT id, {sql}{values} "
                f"FROM {table} WHERE id >= %s",
                [self.first_ids[table]],
            )
            # one segment, as a search reads it fastest (see migrations/_search_sqlite.py)
            cursor.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('optimize')")
        for table, column, where, _ in TRIGRAMS:
            fts = f"{table}_{column}_trigrams"
            cursor.execute(
                f"INSERT INTO {fts}(rowid, {column}) SELECT id, {column} FROM {table} "
                f"WHERE id >= %s AND {where.format(row=table)}",
                [self.first_ids[table]],
            )
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES('optimize')")

    def set_languages(self, cursor):
        first = self.first_ids["contacts_citation"]
        cursor.execute(
            "UPDATE contacts_citation c SET search_language = s.language "
            "FROM contacts_source s WHERE s.id = c.source_id AND c.id >= %s "
            "AND c.search_language IS DISTINCT FROM s.language",
            [first],
        )
        cursor.execute(  # the contacts' excerpts, as the citations' trigger keeps them
            "UPDATE contacts_contact k SET search_excerpts = f.excerpts FROM (SELECT contact_id, "
            "string_agg(excerpt, E'\\n' ORDER BY id) AS excerpts FROM contacts_citation "
            "WHERE id >= %s AND contact_id IS NOT NULL GROUP BY contact_id) f "
            "WHERE f.contact_id = k.id",
            [first],
        )
        cursor.execute(
            "UPDATE contacts_contact k SET search_language = f.search_language FROM (SELECT "
            "DISTINCT ON (contact_id) contact_id, search_language FROM contacts_citation "
            "WHERE contact_id IN (SELECT contact_id FROM contacts_citation WHERE id >= %s "
            "AND search_language <> '') ORDER BY contact_id, id) f "
            "WHERE f.contact_id = k.id AND k.search_language IS DISTINCT FROM f.search_language",
            [first],
        )


def sqlite_terms():
    """{table: SQL of a row's indexed terms}, as the triggers of the search migration
    compute them (contacts/migrations/_search_sqlite.py)."""
    contact_language = (
        "(SELECT s.language FROM contacts_citation c JOIN contacts_source s ON s.id = "
        "c.source_id WHERE c.contact_id = contacts_contact.id ORDER BY c.id LIMIT 1)"
    )
    contact_excerpts = (
        "COALESCE((SELECT char(10) || group_concat(excerpt, char(10)) FROM (SELECT excerpt "
        "FROM contacts_citation WHERE contact_id = contacts_contact.id ORDER BY id)), '')"
    )
    citation_language = (
        "(SELECT language FROM contacts_source WHERE id = contacts_citation.source_id)"
    )
    return {
        "contacts_statement": "tracker_search_terms(text, language)",
        "contacts_contact": f"tracker_search_terms(summary || {contact_excerpts}, "
        f"{contact_language})",
        "contacts_citation": f"tracker_search_terms(excerpt, {citation_language})",
        "contacts_source": "tracker_search_terms(title || char(10) || text, language)",
    }
