import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import PersonFactory, make_contact

# Every property-based test draws the same examples on every run (CI included), unless
# HYPOTHESIS_PROFILE=explore asks for new ones.
hypothesis_settings.register_profile("deterministic", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", derandomize=False, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


class ReadingClient(Client):
    """A test client that reads every streamed body as it arrives, as a browser would: an
    export that fails half-way fails the test that asked for it, whatever the test checks."""

    def request(self, **request):
        response = super().request(**request)
        if getattr(response, "streaming", False):
            response.streaming_content = [b"".join(response.streaming_content)]
        return response


@pytest.fixture
def client():
    return ReadingClient()


@pytest.fixture
def editor(db):
    user = User.objects.create_user("ed", password="pw-editor-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def analyst(db):
    user = User.objects.create_user("ana", password="pw-analyst-123")
    user.groups.add(Group.objects.get(name="Analyst"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def pair(db):
    """Two people and a phone call the first initiated."""
    caller, callee = PersonFactory(name="Mike Pompeo"), PersonFactory(name="Dominic Raab")
    return caller, callee, make_contact(caller, callee, initiator=caller)


def body(response):
    """The bytes of a response, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def redirect_target(response):
    """Where a redirect sends the browser: the path, and the `next` address it carries
    (None without one), e.g. ("/accounts/login/", "/contacts/?_export=csv")."""
    location = urlsplit(response["Location"])
    return location.path, QueryDict(location.query).get("next")


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The seed, loaded once for this module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def seeded(seeded_once, db):
    """Each test runs in a savepoint inside the seeded transaction."""
