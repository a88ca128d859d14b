import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_ALLOWED_HOSTS": "tracker.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/tracker",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage(
        "check", "--deploy", **PRODUCTION_ENV, DJANGO_SECRET_KEY=secrets.token_urlsafe(60)
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_serves_collected_static_files_with_hashed_names():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_USE_FINDERS, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        },
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False",
        "False",
    ], result.stderr


def test_production_refuses_the_default_secret_key():
    result = manage("check", **PRODUCTION_ENV)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = manage(
        "check", **PRODUCTION_ENV, DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_DEBUG="1"
    )
    assert result.returncode != 0 and "DEBUG on" in result.stderr


def postgresql_setting(name):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's setting")
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_postgresql_connections_compile_no_plans_just_in_time(db):
    assert postgresql_setting("jit") == "off"


def test_postgresql_connections_start_every_sequential_scan_at_the_tables_first_page(db):
    assert postgresql_setting("synchronize_seqscans") == "off"


def test_postgresql_connections_plan_random_reads_as_solid_state_storage_costs_them(db):
    asked = float(os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1"))
    assert float(postgresql_setting("random_page_cost")) == asked
