"""Whole-database backups: SQLite's online backup API, or pg_dump/pg_restore for PostgreSQL.

Both read the connection from settings.DATABASES, so they act on whatever database the
application itself uses.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def describe(alias="default"):
    """Which database a backup reads, or a restore replaces, in words."""
    connection = connections[alias]
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"the SQLite database {name}"
    where = f"{connection.settings_dict.get('HOST') or 'localhost'}"
    if connection.settings_dict.get("PORT"):
        where += f":{connection.settings_dict['PORT']}"
    return f"the PostgreSQL database '{name}' on {where}"


def backup(path, alias="default"):
    """Write a consistent copy of the whole database to a new file at path."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; choose a new file name.")
    connection = connections[alias]
    partial = path.with_name(path.name + ".partial")
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)  # consistent while others write
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            pg_run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial}"], connection)
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(path, alias="default"):
    """Replace every table of the database with the contents of the backup at path."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    connection = connections[alias]
    if connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        try:
            tables = "SELECT name FROM sqlite_master WHERE type = 'table'"
            if "django_migrations" not in {row[0] for row in source.execute(tables)}:
                raise BackupError(f"{path} holds no tracker database; nothing was changed.")
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup ({error}).") from None
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        listing = subprocess.run(
            ["pg_restore", "--list", str(path)], capture_output=True, text=True, check=False
        )
        if listing.returncode != 0:
            raise BackupError(f"{path} is not a pg_dump archive: {listing.stderr.strip()}")
        connection.close()
        # One transaction: a failure part-way leaves the database as it was.
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        pg_run([*command, "--exit-on-error", str(path)], connection)
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")


def pg_run(command, connection):
    """Run pg_dump or pg_restore on the database Django connects to."""
    settings = connection.settings_dict
    args = [*command]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            args.append(f"{flag}={settings[key]}")
    args.append(f"--dbname={settings['NAME']}")
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
