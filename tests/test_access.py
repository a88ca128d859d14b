import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import body, redirect_target
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db

READ_URLS = ["/", "/contacts/", "/statements/", "/people/", "/network/", "/contacts/?_export=csv"]


def test_groups_are_created_by_migration():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Analyst", "Editor", "Administrator"} <= names


def test_analyst_group_can_only_view():
    codenames = set(
        Group.objects.get(name="Analyst").permissions.values_list("codename", flat=True)
    )
    assert "view_contact" in codenames
    assert not any(code.startswith(("add_", "change_", "delete_")) for code in codenames)


def test_editor_group_can_change_records_but_not_users():
    codenames = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"add_contact", "change_contact", "delete_contact"} <= codenames
    assert "change_user" not in codenames


def test_administrator_group_manages_users():
    codenames = set(
        Group.objects.get(name="Administrator").permissions.values_list("codename", flat=True)
    )
    assert {"add_user", "change_user", "change_contact"} <= codenames


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_request_is_redirected_to_login_and_sees_no_data(client, pair, url):
    response = client.get(url)
    assert response.status_code == 302
    assert redirect_target(response) == (reverse("login"), url)
    assert b"Mike Pompeo" not in body(response)


@pytest.mark.parametrize("url", READ_URLS)
def test_user_without_a_group_gets_403(client, pair, url):
    client.force_login(User.objects.create_user("nobody"))
    response = client.get(url)
    assert response.status_code == 403
    assert "Not allowed" in body(response).decode()
    assert "Mike Pompeo" not in body(response).decode()


@pytest.mark.parametrize("url", READ_URLS)
def test_analyst_reads_and_exports(analyst_client, pair, url):
    caller, _, _ = pair  # the pair made no statement
    shown = "No statement matches" if url == "/statements/" else caller.name
    response = analyst_client.get(url)
    assert response.status_code == 200
    assert shown in body(response).decode()
    exported = "_export=" in url
    assert response.has_header("Content-Disposition") == exported  # a file, not the page


@pytest.mark.parametrize("url", ["/contacts/", "/network/", "/"])
def test_post_to_a_read_only_page_is_refused(analyst_client, pair, url):
    response = analyst_client.post(url, {"summary": "changed"})
    assert response.status_code == 403
    assert "This page is read-only" in response.text
    assert Contact.objects.get().summary == pair[2].summary


def test_analyst_gets_403_from_admin_change_pages(analyst_client, pair):
    caller, callee, contact = pair
    urls = [
        reverse("admin:contacts_contact_add"),
        reverse("admin:contacts_contact_change", args=[contact.pk]),
        reverse("admin:contacts_contact_delete", args=[contact.pk]),
    ]
    for url in urls:
        assert analyst_client.get(url).status_code == 403
        assert analyst_client.post(url, {"summary": "hacked"}).status_code == 403
    assert Contact.objects.get().summary != "hacked"


def test_editor_cannot_manage_users(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert "Not allowed" in response.text
    assert editor_client.post(reverse("admin:auth_user_add"), {"username": "x"}).status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_administrator_can_manage_users(client):
    admin = User.objects.create_user("boss", is_staff=True)
    admin.groups.add(Group.objects.get(name="Administrator"))
    client.force_login(admin)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    assert ">boss<" in response.text
    assert f'href="{reverse("admin:auth_user_add")}"' in response.text


def test_editor_post_to_change_a_contact_cannot_set_unlisted_fields(editor_client, pair):
    caller, callee, contact = pair
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    form = editor_client.get(url).context["adminform"].form
    assert "version" not in form.fields and "id" not in form.fields


def test_login_page_is_reachable_without_login(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in" in body(response)
    assert b'name="username"' in body(response) and b'name="password"' in body(response)


def test_repeated_wrong_passwords_lock_the_account_with_a_message(client, analyst, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ana", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ana", "password": "pw-analyst-123"})
    assert response.status_code == 429
    assert b"Too many failed log-ins" in body(response)


def test_correct_password_logs_in(client, analyst):
    response = client.post(reverse("login"), {"username": "ana", "password": "pw-analyst-123"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(analyst.pk)


def test_csrf_token_is_required_for_admin_posts(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(reverse("admin:contacts_contact_add"), {"summary": "x"})
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_csrf_token_is_required_to_log_in(analyst):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "ana", "password": "pw-analyst-123"})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_demo_accounts_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(Exception, match="only created when DEBUG is on"):
        call_command("create_demo_accounts")


def test_demo_accounts_print_their_logins(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    out = capsys.readouterr().out
    assert (
        "username: editor" in out
        and User.objects.get(username="editor").groups.filter(name="Editor").exists()
    )


def test_running_demo_accounts_again_keeps_a_changed_password(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    editor = User.objects.get(username="editor")
    editor.set_password("a-new-long-passphrase")
    editor.save()
    call_command("create_demo_accounts")
    assert User.objects.get(username="editor").check_password("a-new-long-passphrase")


def test_pages_send_a_content_security_policy(analyst_client, db):
    policy = analyst_client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_pages_refuse_framing(analyst_client, db):
    assert analyst_client.get("/").headers["X-Frame-Options"] == "DENY"


def test_statement_text_with_html_is_stored_byte_for_byte(editor_client, db):
    statement = StatementFactory(text="<script>alert(1)</script> قال \u0301 \u202e")
    statement.refresh_from_db()
    assert statement.text == "<script>alert(1)</script> قال \u0301 \u202e"
