"""Fast bulk inserts for generated data: executemany on SQLite, COPY on PostgreSQL."""

from django.db import connection


def next_id(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return cursor.fetchone()[0] + 1


def tune_for_bulk_load():
    """Give SQLite a large page cache for this connection: index inserts stay in memory."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB
            if not connection.in_atomic_block:
                cursor.execute("PRAGMA temp_store = MEMORY")


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
