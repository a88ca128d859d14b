"""The production server: gzip that keeps exports streaming, persistent connections, and
gunicorn serving hashed, compressed, long-cached static files with production settings."""

import gzip
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import body
from tests.factories import PersonFactory, make_contact

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}


def test_gzip_sits_below_whitenoise_and_above_every_body_reading_middleware():
    order = settings.MIDDLEWARE
    gzip_at = order.index("django.middleware.gzip.GZipMiddleware")
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at
    assert gzip_at < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert gzip_at < order.index("csp.middleware.CSPMiddleware")


def test_pages_are_gzipped(analyst_client, pair):
    plain = analyst_client.get("/contacts/")
    packed = analyst_client.get("/contacts/", **GZIP)
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Mike Pompeo" in html and len(packed.content) < len(plain.content) / 2


def test_streamed_exports_stay_streamed_when_gzipped(analyst_client, db):
    people = PersonFactory.create_batch(2)
    for _ in range(120):
        make_contact(*people)
    plain = analyst_client.get(reverse("contact-list"), {"_export": "csv"})
    packed = analyst_client.get(reverse("contact-list"), {"_export": "csv"}, **GZIP)
    assert packed.streaming and "Content-Length" not in packed
    assert packed["Content-Encoding"] == "gzip"
    assert {"no-store", "private"} <= {d.strip() for d in packed["Cache-Control"].split(",")}
    text = gzip.decompress(body(packed)).decode()
    assert text == body(plain).decode() and len(text.splitlines()) == 121


def test_database_connections_persist_with_health_checks():
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True


def test_gunicorn_runs_gthread_workers_with_a_generous_timeout():
    config = runpy.run_path(str(settings.BASE_DIR / "tracker" / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread" and config["threads"] >= 2
    assert config["timeout"] >= 300 and config["wsgi_app"] == "tracker.wsgi:application"


def test_development_reads_static_files_from_their_folders():
    assert settings.WHITENOISE_USE_FINDERS is True
    assert "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"]


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """Production settings with static files collected into a folder of their own."""
    folder = tmp_path_factory.mktemp("production")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env = {
        **clean,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "p" * 20 + "-not-a-real-secret-but-long-enough-" + "q" * 20,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return folder, env


def test_collectstatic_writes_hashed_and_compressed_files(production):
    folder, _ = production
    static = folder / "static"
    assert (static / "staticfiles.json").is_file()
    hashed = [
        p for p in (static / "css").iterdir() if re.fullmatch(r"app\.[0-9a-f]{12}\.css", p.name)
    ]
    assert hashed and hashed[0].with_name(hashed[0].name + ".gz").is_file()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def gunicorn(production):
    folder, env = production
    port = free_port()
    log = open(folder / "gunicorn.log", "wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "tracker/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/accounts/login/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_gunicorn_serves_gzipped_pages_that_link_hashed_static_files(gunicorn):
    status, headers, content = fetch(gunicorn + "/accounts/login/")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(content).decode()
    assert "Log in" in html
    assert re.search(r'href="/static/css/app\.[0-9a-f]{12}\.css"', html)
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_gunicorn_serves_hashed_static_files_compressed_and_cached_for_a_year(gunicorn):
    _, _, content = fetch(gunicorn + "/accounts/login/")
    css = re.search(
        r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', gzip.decompress(content).decode()
    )
    status, headers, content = fetch(gunicorn + css.group(1))
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    cache = {part.strip() for part in headers["Cache-Control"].split(",")}
    max_age = next(int(part.split("=")[1]) for part in cache if part.startswith("max-age="))
    assert max_age >= 365 * 24 * 60 * 60 and "immutable" in cache and "public" in cache
    assert gzip.decompress(content)


def test_make_serve_migrates_collects_and_starts_gunicorn_in_production():
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "serve", "HOST=127.0.0.1:9999"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith(".venv/bin/")]
    steps = [
        ".venv/bin/python manage.py migrate --noinput",
        ".venv/bin/python manage.py collectstatic --noinput -v0",
        ".venv/bin/gunicorn --config tracker/gunicorn.conf.py --bind 127.0.0.1:9999",
    ]
    assert lines[-3:] == steps, result.stdout + result.stderr
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "serve: export DJANGO_ENV := production" in makefile
    assert "serve: export DJANGO_DEBUG := false" in makefile


def test_the_objects_the_first_request_loads_are_frozen_once_per_process(client, monkeypatch):
    from contacts import middleware

    frozen = []
    monkeypatch.setattr(middleware.FreezeLoadedObjectsMiddleware, "frozen", False)
    monkeypatch.setattr(middleware.gc, "freeze", lambda: frozen.append(True))
    for _ in range(3):
        client.get("/accounts/login/")

    assert frozen == [True]
