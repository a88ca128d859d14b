"""Fast bulk inserts for generated data: executemany on SQLite, COPY on PostgreSQL."""

from django.db import connection


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
    """On SQLite, index the new rows' text in one pass after loading, not row by row.

    The FTS5 insert triggers are dropped for the load, the new rows are added to the
    FTS tables with one INSERT ... SELECT each, and the triggers are put back.
    """

    def __enter__(self):
        from .search import SEARCHABLE

        self.active = connection.vendor == "sqlite"
        self.first_ids = {table: next_id(table) for table in SEARCHABLE}
        if self.active:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND name LIKE '%%_fts_insert'"
                )
                self.triggers = cursor.fetchall()
                for name, _ in self.triggers:
                    cursor.execute(f"DROP TRIGGER {name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        from .search import SEARCHABLE

        if not self.active:
            return
        with connection.cursor() as cursor:
            if exc_type is None:
                for table, column in SEARCHABLE.items():
                    cursor.execute(
                        f"INSERT INTO {table}_fts(rowid, {column}) "
                        f"SELECT id, {column} FROM {table} WHERE id >= %s",
                        [self.first_ids[table]],
                    )
            for _, sql in self.triggers:
                cursor.execute(sql)
