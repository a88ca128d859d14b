"""Admin change lists answer any query string: long searches, huge ids, odd digits."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.admin.bounds import (
    MAX_SEARCH_CHARACTERS,
    MAX_SEARCH_WORDS,
    BoundedChangeListAdmin,
    bounded_search,
)
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 40
CHANGE_LISTS = [
    f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    for model in admin.site._registry
]


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root"))
    return client


def test_every_registered_admin_has_the_bounds():
    assert all(isinstance(found, BoundedChangeListAdmin) for found in admin.site._registry.values())


def test_a_long_search_keeps_its_first_words_and_says_so():
    term, note = bounded_search(" ".join(f"word{n}" for n in range(2000)))
    assert term.split() == [f"word{n}" for n in range(MAX_SEARCH_WORDS)]
    assert note == f"The search used only the first {MAX_SEARCH_WORDS} of its 2,000 words."


def test_a_quoted_phrase_counts_as_one_word():
    term, note = bounded_search('"Mike Pompeo" Raab')
    assert (term, note) == ('"Mike Pompeo" Raab', "")


def test_a_very_long_word_is_cut_to_the_search_s_length():
    term, note = bounded_search("x" * 10_000)
    assert len(term) == MAX_SEARCH_CHARACTERS and "characters" in note


@pytest.mark.parametrize("name", CHANGE_LISTS)
def test_a_two_thousand_word_search_is_answered_on_every_change_list(superuser_client, name):
    response = superuser_client.get(reverse(name), {"q": " ".join(["strike"] * 2000)})
    assert response.status_code == 200
    assert f"The search used only the first {MAX_SEARCH_WORDS} of its 2,000 words." in (
        response.text
    )


def test_a_long_search_still_finds_by_its_first_words(editor_client):
    PersonFactory(name="Mike Pompeo")
    PersonFactory(name="Dominic Raab")
    words = " ".join(["Pompeo"] + ["Mike"] * 1999)
    response = editor_client.get(reverse("admin:contacts_person_changelist"), {"q": words})
    assert [person.name for person in response.context["cl"].result_list] == ["Mike Pompeo"]


@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("admin:contacts_person_changelist", "country__id__exact"),
        ("admin:contacts_person_changelist", "country__exact"),
        ("admin:contacts_statement_changelist", "speaker_country__id__exact"),
        ("admin:contacts_source_changelist", "outlet__id__exact"),
        ("admin:contacts_organisation_changelist", "country__exact"),
        ("admin:contacts_contact_changelist", "country"),
        ("admin:auth_user_changelist", "groups__id__exact"),
        ("admin:auth_user_changelist", "groups__exact"),
    ],
)
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "9223372036854775808", "1e30", "²"])
def test_an_id_the_database_cannot_hold_is_refused_like_a_malformed_filter(
    superuser_client, pair, name, parameter, value
):
    OrganisationFactory()  # each filter is shown (and applied) once it has a choice
    response = superuser_client.get(reverse(name), {parameter: value})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_largest_id_the_database_holds_is_an_ordinary_filter(superuser_client):
    PersonFactory()
    url = reverse("admin:contacts_person_changelist")
    assert superuser_client.get(url).context["cl"].result_count == 1
    response = superuser_client.get(url, {"country__id__exact": str(2**63 - 1)})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0  # applied: no country has that id


def test_a_participant_country_filter_still_filters(superuser_client, pair):
    caller, callee, contact = pair
    response = superuser_client.get(
        reverse("admin:contacts_contact_changelist"), {"country": str(caller.country_id)}
    )
    assert list(response.context["cl"].result_list) == [contact]


@pytest.mark.parametrize("object_id", ["1e30", "abc", "²", "%20"])
def test_a_history_page_for_an_id_that_is_not_a_number_is_a_404(superuser_client, object_id):
    url = reverse("admin:contacts_person_history", args=["0"]).replace("/0/", f"/{object_id}/")
    response = superuser_client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text and "No such record." in response.text


def test_a_history_page_for_a_huge_id_is_a_404(superuser_client):
    url = reverse("admin:contacts_person_history", args=[HUGE])
    response = superuser_client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text


def test_the_search_note_is_shown_once_with_facet_counts(superuser_client, pair):
    """Facet counts search again, after the page's messages are shown: a note added then
    would wait for the next page."""
    url = reverse("admin:contacts_person_changelist")
    response = superuser_client.get(url, {"q": " ".join(["Pompeo"] * 50), "_facets": "True"})
    assert response.text.count(f"the first {MAX_SEARCH_WORDS} of its 50 words") == 1
    assert "The search used only" not in superuser_client.get(url).text


def test_an_admin_search_of_a_common_word_is_counted_in_the_index_s_order(
    superuser_client, pair, monkeypatch
):
    """The page walks the table in its order, probing the index per row (a common word);
    the count must not: it would probe every row until the cap."""
    _, _, contact = pair
    contact.summary = "The foreign ministers spoke by phone."
    contact.save()
    monkeypatch.setattr("contacts.search.is_common", lambda *args, **kwargs: True)
    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.get(
            reverse("admin:contacts_contact_changelist"), {"q": "ministers"}
        )
    sql = [q["sql"] for q in queries.captured_queries]
    counts = [q for q in sql if q.startswith("SELECT COUNT(*)")]
    assert response.context["cl"].result_count == 1
    assert contact.summary in response.text
    assert len(counts) == 1 and "EXISTS" not in counts[0]
    if connection.vendor == "sqlite":
        assert any("EXISTS" in q for q in sql)  # the page's form
        assert '"contacts_contact" , "contacts_contact_fts"' in counts[0]
