"""Password rules, idle sessions, and nothing a logged-in user sees kept in a cache."""

import os
import re
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contacts.management.commands.create_demo_accounts import DEMO_ACCOUNTS
from tests.conftest import body, redirect_target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password", "too common"),
        ("12345678", "too short"),
        ("Password1", "too short"),
        ("password1234", "too common"),
        ("739154862037", "entirely numeric"),
        ("analyst-of-record", "too similar"),
    ],
)
def test_weak_passwords_are_refused(password, reason):
    user = User(username="analyst-of-record", email="analyst@example.org")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=user)
    assert any(reason in message for message in refused.value.messages)


def test_a_long_passphrase_is_accepted():
    user = User(username="analyst-of-record")
    assert validate_password("blue kettle under the bridge", user=user) is None


@pytest.mark.parametrize("username", [username for username, _, _ in DEMO_ACCOUNTS])
def test_demo_account_passwords_pass_the_validators(username, settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    printed = re.search(rf"username: {username} +password: (\S+)", capsys.readouterr().out)
    assert printed, "create_demo_accounts printed no password"
    user = User.objects.get(username=username)
    assert user.check_password(printed[1])  # the password printed is the one set
    assert validate_password(printed[1], user=user) is None


def test_a_session_lasts_two_idle_hours_by_default():
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_activity_starts_the_idle_period_again(analyst_client):
    response = analyst_client.get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    expiry = Session.objects.get(session_key=cookie.value).expire_date
    remaining = (expiry - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 60 < remaining <= settings.SESSION_COOKIE_AGE


def test_a_request_soon_after_the_last_refresh_writes_no_session(analyst_client):
    analyst_client.get("/")
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(seconds=999))
    response = analyst_client.get("/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    expiry = Session.objects.get().expire_date
    assert (expiry - timezone.now()).total_seconds() < 1000


def test_a_request_after_the_refresh_interval_renews_the_session(analyst_client, monkeypatch):
    analyst_client.get("/")
    Session.objects.update(expire_date=timezone.now() + timezone.timedelta(seconds=999))
    later = time.time() + settings.SESSION_REFRESH_SECONDS + 1
    monkeypatch.setattr("contacts.middleware.time.time", lambda: later)
    response = analyst_client.get("/")
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == 7200
    expiry = Session.objects.get().expire_date
    assert (expiry - timezone.now()).total_seconds() > settings.SESSION_COOKIE_AGE - 60


def test_an_idle_session_has_expired(analyst_client):
    analyst_client.get("/")
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = analyst_client.get("/contacts/")
    assert response.status_code == 302
    assert redirect_target(response) == (reverse("login"), "/contacts/")


def test_the_idle_timeout_is_set_from_the_environment():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DJANGO_SESSION_IDLE_SECONDS": "900",
        },
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "900", result.stderr


def cache_directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize(
    "url", ["/", "/contacts/", "/statements/", "/people/", "/network/", "/admin/"]
)
def test_logged_in_pages_are_never_stored(editor_client, pair, url):
    response = editor_client.get(url)
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_directives(response)
    assert "public" not in cache_directives(response)


@pytest.mark.parametrize("export_format", ["csv", "json", "xlsx"])
def test_exports_are_never_stored(analyst_client, pair, export_format):
    response = analyst_client.get(reverse("contact-list"), {"_export": export_format})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert response.streaming == (export_format != "xlsx")
    assert {"no-store", "private"} <= cache_directives(response)
    assert body(response)


def test_the_login_redirect_is_not_stored(client, analyst):
    response = client.post(reverse("login"), {"username": "ana", "password": "pw-analyst-123"})
    assert response.status_code == 302
    assert "no-store" in cache_directives(response)
