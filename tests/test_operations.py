"""create_administrator, and backup/restore round trips that compare every row of every table."""

import os
import sqlite3
import subprocess
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

MUTATION = [
    "DELETE FROM auth_group_permissions",
    "INSERT INTO auth_group (name) VALUES ('Intruders')",
    "UPDATE contacts_person SET name = 'Overwritten'",
]


def manage(database_url, *args):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
    )


class SQLiteFile:
    def __init__(self, path):
        self.path = path
        self.url = f"sqlite:///{path}"
        self.name = str(path)

    def execute(self, statements):
        with sqlite3.connect(self.path) as connection:
            for statement in statements:
                connection.execute(statement)

    def rows(self):
        with sqlite3.connect(self.path) as connection:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            tables = [name for (name,) in connection.execute(query)]
            return {t: sorted(connection.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


class PostgreSQLScratch:
    """A database of its own on the server DATABASE_URL names, dropped afterwards."""

    def __init__(self, server_url):
        self.name = f"tracker_backup_{uuid.uuid4().hex[:12]}"
        parts = urlsplit(server_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def execute(self, statements):
        with psycopg.connect(self.url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def rows(self):
        with psycopg.connect(self.url) as connection:
            query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            tables = [name for (name,) in connection.execute(query)]
            return {
                t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in tables
            }


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch(request, tmp_path):
    if request.param == "sqlite":
        yield SQLiteFile(tmp_path / "tracker.sqlite3")
        return
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    database = PostgreSQLScratch(server_url)
    try:
        yield database
    finally:
        database.drop()


def test_backup_and_restore_bring_back_every_row_of_every_table(scratch, tmp_path):
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        result = manage(scratch.url, *command)
        assert result.returncode == 0, result.stderr
    before = scratch.rows()
    assert len(before["contacts_contact"]) > 0 and len(before["auth_group_permissions"]) > 0
    backup_file = tmp_path / "tracker.backup"

    result = manage(scratch.url, "backup", str(backup_file))
    assert result.returncode == 0, result.stderr
    assert backup_file.stat().st_size > 0 and scratch.name in result.stdout

    scratch.execute(MUTATION)
    changed = scratch.rows()
    assert changed != before

    refused = manage(scratch.url, "restore", str(backup_file))
    assert refused.returncode != 0
    assert "replace every table of" in refused.stderr and scratch.name in refused.stderr
    assert "--yes" in refused.stderr
    assert scratch.rows() == changed

    result = manage(scratch.url, "restore", str(backup_file), "--yes")
    assert result.returncode == 0, result.stderr
    after = scratch.rows()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table


def test_backup_never_overwrites_a_file(db, tmp_path):
    existing = tmp_path / "earlier.backup"
    existing.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"an earlier backup"


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("not a database")
    with pytest.raises(CommandError, match="not a SQLite backup|not a pg_dump archive"):
        call_command("restore", str(stray), "--yes")
    assert set(Group.objects.values_list("name", flat=True)) >= {"Analyst", "Editor"}


ADMIN_ENV = {
    "TRACKER_ADMIN_USERNAME": "chief",
    "TRACKER_ADMIN_PASSWORD": "correct horse battery staple",
    "TRACKER_ADMIN_EMAIL": "chief@example.org",
}


@pytest.fixture
def admin_env(monkeypatch):
    for name, value in ADMIN_ENV.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def test_create_administrator_from_the_environment(db, admin_env, capsys):
    call_command("create_administrator", "--no-input")
    user = User.objects.get(username="chief")
    assert user.is_superuser and user.is_staff and user.is_active
    assert user.email == "chief@example.org"
    assert user.check_password("correct horse battery staple")
    assert list(user.groups.values_list("name", flat=True)) == ["Administrator"]
    assert "Administrator 'chief' created" in capsys.readouterr().out


@pytest.mark.parametrize(
    "password", ["password", "12345678", "Password1", "864209753186420", "chief-chief"]
)
def test_create_administrator_refuses_a_weak_password(db, admin_env, password):
    admin_env.setenv("TRACKER_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match="Password refused"):
        call_command("create_administrator", "--no-input")
    assert not User.objects.filter(username="chief").exists()


def test_create_administrator_never_overwrites_a_user(db, admin_env):
    User.objects.create_user("chief", password="the-old-password-stays")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_administrator", "--no-input")
    user = User.objects.get(username="chief")
    assert user.check_password("the-old-password-stays") and not user.is_superuser


def test_create_administrator_without_input_needs_the_environment(db, monkeypatch):
    monkeypatch.delenv("TRACKER_ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("TRACKER_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="TRACKER_ADMIN_USERNAME and TRACKER_ADMIN_PASSWORD"):
        call_command("create_administrator", "--no-input")
    assert not User.objects.exists()


def test_create_administrator_asks_when_interactive(db, monkeypatch):
    from contacts.management.commands import create_administrator

    answers = iter(["keeper", "keeper@example.org"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr(create_administrator.getpass, "getpass", lambda prompt: "a long passphrase")
    call_command("create_administrator")
    user = User.objects.get(username="keeper")
    assert user.is_superuser and user.check_password("a long passphrase")
    assert user.groups.filter(name="Administrator").exists()


def test_create_administrator_refuses_two_different_passwords(db, monkeypatch):
    from contacts.management.commands import create_administrator

    answers = iter(["keeper", ""])
    typed = iter(["a long passphrase", "a long passphrasf"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr(create_administrator.getpass, "getpass", lambda prompt: next(typed))
    with pytest.raises(CommandError, match="differ"):
        call_command("create_administrator")
    assert not User.objects.exists()
