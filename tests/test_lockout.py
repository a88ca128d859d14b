"""Log-in throttling: per username from any address, per address across usernames, cool-offs
that grow, the lockout page, unlocking by administrators, and the client's address behind a
reverse proxy."""

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.db.models import F
from django.test import Client, RequestFactory
from django.urls import reverse

from contacts.login_throttle import client_address, cool_off
from tests.conftest import body

pytestmark = pytest.mark.django_db

ED_PASSWORD = "pw-editor-123"
ANA_PASSWORD = "pw-analyst-123"
PROXY = "10.0.0.2"


def log_in(client, username, password, address="192.0.2.1", **headers):
    data = {"username": username, "password": password}
    return client.post(reverse("login"), data, REMOTE_ADDR=address, **headers)


def fail(client, username, address="192.0.2.1", times=1, **headers):
    for _ in range(times):
        response = log_in(client, username, "not the password", address, **headers)
    return response


def addresses(count, prefix="198.51.100."):
    return [f"{prefix}{number}" for number in range(1, count + 1)]


def lock_ed_from_five_addresses(client):
    for address in addresses(5):
        response = fail(client, "ed", address)
    return response


def time_passes(**delta):
    """As if that long had passed: every remembered failure moves back in time."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(**delta))


def logged_in(response):
    return response.status_code == 302 and response["Location"] == "/"


def locked(response):
    return response.status_code == 429 and b"Too many failed log-ins" in body(response)


def alert(response):
    return re.search(r'<p role="alert">(.*?)</p>', body(response).decode(), re.S).group(1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hundreds of log-ins here: the throttle does not depend on how slow hashing is."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def administrator(db):
    user = User.objects.create_user("boss", password="pw-boss-12345", is_staff=True)
    user.groups.add(Group.objects.get(name="Administrator"))
    return user


def test_five_failures_from_five_addresses_lock_the_username(client, editor):
    assert locked(lock_ed_from_five_addresses(client))
    response = log_in(client, "ed", ED_PASSWORD, "203.0.113.50")
    assert locked(response)
    assert "_auth_user_id" not in client.session


def test_four_failures_from_four_addresses_leave_the_username_open(client, editor):
    for address in addresses(4):
        fail(client, "ed", address)
    assert logged_in(log_in(client, "ed", ED_PASSWORD, "203.0.113.50"))


def test_a_locked_username_does_not_lock_another_username_at_the_same_addresses(
    client, editor, analyst
):
    lock_ed_from_five_addresses(client)
    for address in addresses(5):
        assert logged_in(log_in(Client(), "ana", ANA_PASSWORD, address))


def test_twenty_failures_for_different_usernames_lock_the_address(client, analyst):
    for number in range(20):
        response = fail(client, f"guess-{number}", "203.0.113.9")
    assert locked(response)
    assert locked(log_in(client, "ana", ANA_PASSWORD, "203.0.113.9"))


def test_nineteen_failures_for_different_usernames_leave_the_address_open(client, analyst):
    for number in range(19):
        fail(client, f"guess-{number}", "203.0.113.9")
    assert logged_in(log_in(client, "ana", ANA_PASSWORD, "203.0.113.9"))


def test_a_locked_address_does_not_stop_the_same_username_from_elsewhere(client, analyst):
    for number in range(20):
        fail(client, f"guess-{number}", "203.0.113.9")
    assert logged_in(log_in(client, "ana", ANA_PASSWORD, "203.0.113.10"))


def test_the_lockout_page_says_when_to_try_again(client, editor):
    response = lock_ed_from_five_addresses(client)
    assert response.status_code == 429
    assert "You can try again in 1\xa0minute, at " in alert(response)
    assert 55 <= int(response["Retry-After"]) <= 60


def test_the_lockout_page_reads_the_same_for_a_username_that_does_not_exist(client, editor):
    known = fail(client, "ed", "198.51.100.1", times=5)
    unknown = fail(client, "no-such-user", "198.51.100.2", times=5)
    assert locked(known) and locked(unknown)
    assert re.sub(r"\d", "", alert(known)) == re.sub(r"\d", "", alert(unknown))
    assert b"no-such-user" not in body(unknown)


def test_after_the_cool_off_the_right_password_works(client, editor):
    lock_ed_from_five_addresses(client)
    time_passes(seconds=50)
    assert locked(log_in(client, "ed", ED_PASSWORD))
    time_passes(seconds=11)
    assert logged_in(log_in(client, "ed", ED_PASSWORD))


def test_a_failure_after_a_lockout_locks_again_for_twice_as_long(client, editor):
    lock_ed_from_five_addresses(client)
    time_passes(seconds=61)
    second = fail(client, "ed", "203.0.113.77")
    assert locked(second) and "try again in 2\xa0minutes" in alert(second)
    time_passes(seconds=61)
    assert locked(log_in(client, "ed", ED_PASSWORD))
    time_passes(seconds=60)
    assert logged_in(log_in(client, "ed", ED_PASSWORD))


def test_failures_during_a_lockout_do_not_lengthen_it(client, editor):
    lock_ed_from_five_addresses(client)
    assert locked(fail(client, "ed", "203.0.113.77", times=30))
    time_passes(seconds=61)
    assert logged_in(log_in(client, "ed", ED_PASSWORD, "203.0.113.77"))


@pytest.mark.parametrize(
    ("failures", "cool_off_time"),
    [
        (5, timedelta(minutes=1)),
        (6, timedelta(minutes=2)),
        (7, timedelta(minutes=4)),
        (15, timedelta(minutes=1024)),
        (16, timedelta(days=1)),
        (10**6, timedelta(days=1)),
    ],
)
def test_the_cool_off_doubles_with_each_failure_past_the_limit_up_to_a_day(failures, cool_off_time):
    assert cool_off(failures=failures, limit=5) == cool_off_time


def test_a_successful_log_in_forgets_its_usernames_failures(client, analyst):
    fail(client, "ana", "203.0.113.9", times=4)
    assert logged_in(log_in(client, "ana", ANA_PASSWORD, "203.0.113.9"))
    assert not AccessAttempt.objects.filter(username="ana").exists()
    assert logged_in(log_in(Client(), "ana", ANA_PASSWORD, "203.0.113.9"))


def test_a_successful_log_in_does_not_clear_its_address(client, analyst):
    for number in range(19):
        fail(client, f"guess-{number}", "203.0.113.9")
    assert logged_in(log_in(client, "ana", ANA_PASSWORD, "203.0.113.9"))
    assert locked(fail(client, "guess-19", "203.0.113.9"))
    assert locked(log_in(Client(), "ana", ANA_PASSWORD, "203.0.113.9"))


def unlock(client, *users):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "unlock_log_in", "_selected_action": [user.pk for user in users]},
        follow=True,
    )


def test_an_administrator_unlocks_a_locked_user_from_the_list_of_users(
    client, editor, administrator
):
    lock_ed_from_five_addresses(Client())
    client.force_login(administrator)
    response = unlock(client, editor)
    assert "Log-in unlocked for ed." in body(response).decode()
    assert not AccessAttempt.objects.filter(username="ed").exists()
    assert LogEntry.objects.get(object_id=str(editor.pk)).user == administrator
    assert logged_in(log_in(Client(), "ed", ED_PASSWORD, "198.51.100.1"))


def test_the_unlock_action_is_offered_to_administrators(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert b'<option value="unlock_log_in">Unlock log-in' in body(response)


def test_an_editor_cannot_unlock_a_user(client, editor, analyst):
    fail(Client(), "ana", times=5)
    client.force_login(editor)
    assert unlock(client, analyst).status_code == 403
    assert AccessAttempt.objects.get(username="ana").failures_since_start == 5


def test_managing_users_without_the_lock_permission_offers_no_unlock(client, analyst):
    manager = User.objects.create_user("manager", is_staff=True)
    manager.user_permissions.set(
        Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    fail(Client(), "ana", times=5)
    client.force_login(manager)
    assert b"unlock_log_in" not in body(client.get(reverse("admin:auth_user_changelist")))
    unlock(client, analyst)
    assert AccessAttempt.objects.get(username="ana").failures_since_start == 5


def test_only_administrators_may_clear_log_in_locks():
    def may_unlock(group):
        return Group.objects.get(name=group).permissions.filter(
            content_type__app_label="axes", codename="delete_accessattempt"
        )

    assert may_unlock("Administrator").exists()
    assert not may_unlock("Editor").exists() and not may_unlock("Analyst").exists()


def test_administrators_see_access_attempts_and_editors_do_not(client, editor, administrator):
    fail(Client(), "ana", "203.0.113.9", times=5)
    url = reverse("admin:axes_accessattempt_changelist")
    client.force_login(administrator)
    assert b"203.0.113.9" in body(client.get(url))
    client.force_login(editor)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.7", "10.0.0.2"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),
        (2, "198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (1, "", "10.0.0.2"),
        (2, "198.51.100.7", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_address_is_counted_from_the_right_of_x_forwarded_for(
    settings, proxies, forwarded, address
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(client, settings, analyst):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(20):
        fail(client, f"guess-{number}", PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    other = log_in(client, "ana", ANA_PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert logged_in(other)
    same = log_in(client, "ana", ANA_PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert locked(same)


def test_behind_a_proxy_a_client_cannot_choose_its_address(client, settings, analyst):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(20):
        forwarded = f"203.0.113.{number}, 198.51.100.7"  # the first part is the client's own
        fail(client, f"guess-{number}", PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    spoofed = "203.0.113.200, 198.51.100.7"
    assert locked(log_in(client, "ana", ANA_PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=spoofed))


@pytest.mark.parametrize(
    ("environment", "proxies"),
    [
        ({}, "0"),
        ({"DJANGO_ENV": "production"}, "1"),
        ({"DJANGO_ENV": "production", "DJANGO_PROXY_COUNT": "2"}, "2"),
    ],
)
def test_production_counts_one_proxy_unless_told_otherwise(environment, proxies):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    production = {
        "DJANGO_SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/tracker",
    }
    code = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=django_settings.BASE_DIR,
        env={**clean, **production, "DJANGO_SETTINGS_MODULE": "tracker.settings", **environment},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == proxies, result.stderr
