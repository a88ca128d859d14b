"""Several editors saving at once on the default SQLite configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

WRITERS, CONTACTS_EACH = 4, 40


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX processes")
def test_concurrent_writers_never_see_database_is_locked(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(tmp_path / "shared.sqlite3")
    env["PYTHONPATH"] = str(settings.BASE_DIR)
    assert run(["manage.py", "migrate", "-v0"], env).returncode == 0
    run(
        [
            "manage.py",
            "shell",
            "-c",
            "from contacts.models import *; "
            "Source.objects.create(slug='shared', title='T', text='They met.'); "
            "Country.objects.create(code='ZZ', name='Testland')",
        ],
        env,
    )
    writer = str(Path(settings.BASE_DIR) / "tests" / "sqlite_writer.py")
    processes = [
        subprocess.Popen(
            [sys.executable, writer, str(n), str(CONTACTS_EACH)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    errors = [err for _, err in results if err.strip()]
    assert not any("database is locked" in err for err in errors), errors
    assert all(process.returncode == 0 for process in processes), errors
    counted = run(
        [
            "manage.py",
            "shell",
            "-c",
            "from contacts.models import Contact; print(Contact.objects.count())",
        ],
        env,
    )
    assert counted.stdout.strip().splitlines()[-1] == str(WRITERS * CONTACTS_EACH)


def test_sqlite_uses_wal_and_immediate_transactions():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the SQLite configuration is what is tested here")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_sqlite_reads_its_file_through_a_memory_map(db, tmp_path):
    from django.db import connection
    from django.db.backends.sqlite3.base import DatabaseWrapper

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite configuration is what is tested here")
    on_file = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "db.sqlite3")})
    try:
        with on_file.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size")
            assert cursor.fetchone()[0] >= 2**30
    finally:
        on_file.close()
