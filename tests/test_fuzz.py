"""Every request answered: generated queries at every list page, export format and admin
change list (discovered from the URL configuration and the admin site), never a 5xx.

Deterministic (derandomized) with 10 to 24 requests per page, exported table and admin model
in the suite. `make fuzz` raises that number to FUZZ_EXAMPLES and writes the figures to
FUZZ_REPORT; FUZZ_RANDOM=1 draws new examples on each run instead of the same ones.
"""

import os

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzzing
from tests.factories import (
    AliasFactory,
    OfficeFactory,
    OrganisationFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FIGURES = fuzzing.Figures()
LIST_PAGES = fuzzing.list_pages()
EXPORTS = fuzzing.export_pages()
ADMIN_PAGES = fuzzing.admin_pages()
CHANGE_LISTS = [page for page in ADMIN_PAGES if page.kind == "changelist"]
ADMIN_MODELS = [page.model for page in CHANGE_LISTS]
REFUSED_FORMATS = fuzzing.REFUSED_FORMATS


def fuzz(default):
    """`default` examples (FUZZ_EXAMPLES when set), the same ones on every run."""
    return settings(
        max_examples=EXAMPLES or default,
        derandomize=not os.environ.get("FUZZ_RANDOM"),
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield FIGURES
    FIGURES.write(connection.vendor)


@pytest.fixture
def records(pair):
    """A little of everything: a contact, a statement about it, an office, an alias, and a
    deleted person (for the "Deleted" lists and history pages)."""
    caller, callee, contact = pair
    StatementFactory(speaker=caller, contact=contact, text="We talked about the strike")
    OfficeFactory(person=callee, organisation=OrganisationFactory())
    AliasFactory(person=caller, name="Pompeo")
    PersonFactory(name="Gone Person").delete()
    return pair


@pytest.fixture
def clients(records):
    """Logged-in clients from the analyst up (no passwords: nothing to hash), which answer
    a view's exception with a 500 as a server does, instead of raising it."""
    users = []
    for name in ("Analyst", "Editor", "Administrator"):
        user = User.objects.create_user(f"fuzz-{name.lower()}", is_staff=name != "Analyst")
        user.groups.add(Group.objects.get(name=name))
        users.append(user)
    users.append(User.objects.create_superuser("fuzz-superuser"))
    found = []
    for user in users:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        found.append((user, client))
    return found


def reader(url, clients):
    """The client of the first user, from the analyst up, who may open `url`."""
    for _, client in clients:
        if client.get(url).status_code != 403:
            return client
    raise AssertionError(f"nobody may open {url}")


def viewer(model, clients):
    """The client of the first staff user who may view `model` in the admin."""
    permission = f"{model._meta.app_label}.view_{model._meta.model_name}"
    for user, client in clients:
        if user.is_staff and user.has_perm(permission):
            return client
    raise AssertionError(f"nobody may view {model.__name__}")


@pytest.fixture
def page_reader(page, clients):
    return reader(page.url, clients)


@pytest.fixture
def admin_targets(model, clients):
    """(page, client that may view it, parameters) for each admin page about `model`."""
    targets = []
    for page in fuzzing.admin_pages_about(model, ADMIN_PAGES):
        client = viewer(page.model, clients)
        targets.append((page, client, fuzzing.admin_params(page, client)))
    return targets


def test_the_fuzz_reaches_every_list_export_and_admin_change_list():
    urls = {page.url for page in LIST_PAGES}
    assert {"/contacts/", "/statements/", "/people/", "/network/", "/intake/"} <= urls
    formats = {(page.url, fmt) for page, fmt in EXPORTS}
    assert {("/people/", "xlsx"), ("/contacts/", "tsv"), ("/statements/", "yaml")} <= formats
    admin_urls = {page.url for page in ADMIN_PAGES}
    assert {"/admin/contacts/contact/deleted/", "/admin/auth/user/"} <= admin_urls
    assert "/admin/autocomplete/" in admin_urls
    assert all(page.history for page in CHANGE_LISTS)


def test_the_admin_fuzz_sends_each_change_list_s_own_filters(clients):
    contacts = next(page for page in CHANGE_LISTS if page.url == "/admin/contacts/contact/")
    params = fuzzing.admin_params(contacts, viewer(contacts.model, clients))
    assert {"date_start__gte", "kind__exact", "country", "q", "o", "p"} <= set(params)
    people = next(page for page in CHANGE_LISTS if page.url == "/admin/contacts/person/")
    params = fuzzing.admin_params(people, viewer(people.model, clients))
    assert {"country__id__exact", "country__exact"} <= set(params)


@pytest.mark.parametrize("page", LIST_PAGES, ids=str)
@fuzz(default=10)
@given(data=st.data())
def test_no_list_page_answers_a_generated_query_with_a_server_error(page_reader, page, data):
    pairs = data.draw(fuzzing.query(page.params))
    answer = fuzzing.fetch(page_reader, fuzzing.address(page.url, pairs), FIGURES)
    assert answer.status < 500, (answer.url, answer.error)


TABLES = [page for page in LIST_PAGES if page.export_formats]


@pytest.mark.parametrize("page", TABLES, ids=str)
@fuzz(default=24)
@given(data=st.data())
def test_every_export_format_is_answered_and_read_to_its_end(page_reader, page, data):
    offered = st.sampled_from(page.export_formats)
    export_format = data.draw(st.one_of(offered, offered, st.sampled_from(REFUSED_FORMATS)))
    pairs = data.draw(fuzzing.query([p for p in page.params if p != "_export"]))
    url = fuzzing.address(page.url, [*pairs, ("_export", export_format)])
    answer = fuzzing.fetch(page_reader, url, FIGURES)
    assert answer.status < 500, (answer.url, answer.error)
    if export_format not in page.export_formats and answer.status != 400:  # 400: a NUL byte
        assert "Content-Disposition" not in answer.response
        assert b"Cannot export as" in answer.body
    elif answer.status == 200 and "Content-Disposition" in answer.response:
        assert answer.response["Content-Disposition"].endswith(f'.{export_format}"')
        assert answer.body


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model._meta.label)
@fuzz(default=20)
@given(data=st.data())
def test_no_admin_list_answers_generated_parameters_with_a_server_error(admin_targets, model, data):
    """The change list, its "Deleted" list, its autocomplete searches, its object history."""
    page, client, params = data.draw(st.sampled_from(admin_targets))
    if page.kind == "history":
        object_id = data.draw(st.one_of(fuzzing.ids, fuzzing.values))
        url = page.url.format(fuzzing.quoted(object_id))
    else:
        url = page.url
    pairs = data.draw(fuzzing.query(params, extra={"o": fuzzing.orderings}))
    answer = fuzzing.fetch(client, fuzzing.address(url, [*page.fixed, *pairs]), FIGURES)
    assert answer.status < 500, (answer.url, answer.error)
