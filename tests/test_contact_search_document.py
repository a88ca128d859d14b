"""A contact is searched through one document: its summary and every citation's excerpt,
kept current by the database on both SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.lists.filters import ContactFilter
from contacts.models import Citation, Contact
from contacts.search import count_matches, matching, ranked
from contacts.text import excerpt_digest
from tests.factories import CitationFactory, ContactFactory, SourceFactory


def found(q):
    return list(matching(Contact.objects.all(), q).values_list("summary", flat=True))


def test_a_contacts_second_citations_excerpt_finds_the_contact(db):
    contact = ContactFactory(summary="A call")
    CitationFactory(contact=contact, excerpt="They spoke by phone")
    CitationFactory(contact=contact, excerpt="The embassy was named")
    assert found("embassy") == ["A call"]


def test_an_edited_excerpt_is_searched_as_it_now_reads(db):
    contact = ContactFactory(summary="A call")
    CitationFactory(contact=contact, excerpt="They spoke by phone")
    citation = CitationFactory(contact=contact, excerpt="The embassy was named")
    Citation.objects.filter(pk=citation.pk).update(excerpt="The consulate was named")
    assert (found("embassy"), found("consulate")) == ([], ["A call"])


def test_a_deleted_citations_excerpt_no_longer_finds_the_contact(db):
    contact = ContactFactory(summary="A call")
    CitationFactory(contact=contact, excerpt="They spoke by phone")
    citation = CitationFactory(contact=contact, excerpt="The embassy was named")
    citation.delete()
    assert (found("embassy"), found("phone")) == ([], ["A call"])


def test_a_citation_moved_to_another_contact_takes_its_excerpt_along(db):
    first, second = ContactFactory(summary="First call"), ContactFactory(summary="Second call")
    CitationFactory(contact=first, excerpt="They spoke by phone")
    moved = CitationFactory(contact=first, excerpt="The embassy was named")
    Citation.objects.filter(pk=moved.pk).update(contact=second)
    assert found("embassy") == ["Second call"]


def test_an_edited_summary_keeps_the_excerpts_searchable(db):
    contact = ContactFactory(summary="A call")
    CitationFactory(contact=contact, excerpt="The embassy was named")
    Contact.objects.filter(pk=contact.pk).update(summary="A meeting")
    assert (found("embassy"), found("meeting")) == (["A meeting"], ["A meeting"])


def test_a_contact_search_alone_is_counted_from_the_one_index_excerpts_included(db):
    ContactFactory(summary="A call about the embassy")
    cited = ContactFactory(summary="A call")
    CitationFactory(contact=cited, excerpt="They spoke of the embassy")
    filters = ContactFilter({"q": "embassy"}, queryset=Contact.objects.all())
    assert filters.qs.count() == 2
    assert filters.count_rows is not None and filters.count(10) == 2
    assert count_matches(Contact, "embassy", cap=10) == 2


def test_a_contact_ranks_by_its_summary_and_excerpts_together(db):
    once = ContactFactory(summary="A call about the embassy")
    twice = ContactFactory(summary="A call about the embassy")
    CitationFactory(contact=twice, excerpt="The embassy, the embassy again")
    order = ranked(matching(Contact.objects.all(), "embassy"), "embassy").order_by("-relevance")
    assert list(order.values_list("pk", flat=True)) == [twice.pk, once.pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page form")
def test_a_common_word_in_contacts_is_probed_in_the_pages_order_in_one_index(db, monkeypatch):
    monkeypatch.setattr("contacts.search.is_common", lambda *args, **kwargs: True)
    ContactFactory(summary="A call about the embassy")
    filters = ContactFilter({"q": "embassy"}, queryset=Contact.objects.all())
    sql = str(filters.qs.query)
    assert "EXISTS (SELECT 1 FROM contacts_contact_fts" in sql
    assert "contacts_citation_fts" not in sql and "UNION" not in sql


def test_the_contact_search_page_reads_one_index_and_shows_the_excerpt(analyst_client):
    contact = ContactFactory(summary="A call")
    CitationFactory(contact=contact, excerpt="They spoke by phone")
    CitationFactory(contact=contact, excerpt="The embassy was named")
    with CaptureQueriesContext(connection) as queries:
        response = analyst_client.get(reverse("contact-list"), {"q": "embassy"})
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "<mark>embassy</mark>" in response.text and "Excerpt:" in response.text
    assert "contacts_citation_fts" not in sql and "excerpt_document" not in sql


def migrate(target=None):
    """Migrate the contacts app to `target` (its latest migration by default); returns the
    models as they were at that migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    node = ("contacts", target) if target else executor.loader.graph.leaf_nodes("contacts")[0]
    executor.migrate([node])
    return executor.loader.project_state(node).apps


@pytest.mark.django_db(transaction=True)
def test_the_search_migration_indexes_the_contacts_already_there_with_every_excerpt():
    source = SourceFactory()  # by the live models, whose tables exist at every migration
    old = migrate("0002_squashed_groups")  # before the search's indexes
    try:
        contact = old.get_model("contacts", "Contact").objects.create(
            summary="A call", date_start="2020-01-03", date_end="2020-01-03"
        )
        for n, excerpt in enumerate(("They spoke by phone", "The embassy was named")):
            old.get_model("contacts", "Citation").objects.create(
                source_id=source.pk,
                contact_id=contact.pk,
                excerpt=excerpt,
                excerpt_digest=excerpt_digest(excerpt),  # filled by the live model's save
                note=str(n),
            )
        migrate("0004_squashed_source_order")
        # No name expansion: organisations' name keys (0010) are not there yet.
        searched = matching(Contact.objects.all(), "embassy", expand=False)
        assert list(searched.values_list("summary", flat=True)) == ["A call"]
    finally:
        migrate()
