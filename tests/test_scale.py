"""Mechanisms that keep pages fast on a million rows (timings live in bench/, not here)."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.aggregates import TRUE_TEXT, parse
from contacts.lists.pagination import CappedPaginator
from contacts.models import (
    Citation,
    Contact,
    Country,
    Organisation,
    Participant,
    Person,
    Source,
    Statement,
)
from contacts.search import matching
from tests.factories import (
    PersonFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/contacts/",
    "/statements/",
    "/people/",
    "/network/",
    "/contacts/?q=phone",
    "/statements/?q=talked",
    "/admin/contacts/contact/",
    "/admin/contacts/statement/",
    "/admin/contacts/contact/?q=phone",
    "/admin/contacts/person/",
]


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    return client


def test_generate_synthetic_creates_data_in_proportion():
    call_command("generate_synthetic", contacts=300, seed=3, verbosity=0)
    contacts = Contact.objects.count()
    assert contacts == 300
    assert Statement.objects.count() == 600
    assert 2 * contacts <= Participant.objects.count() <= 5.1 * contacts
    assert contacts <= Citation.objects.filter(contact__isnull=False).count() <= 3 * contacts
    assert Person.objects.count() == 50


def test_generated_organisations_have_the_keys_their_save_would_write():
    call_command("generate_synthetic", contacts=100, seed=5, verbosity=0)
    organisations = list(Organisation.objects.prefetch_related("names_searched"))
    assert organisations
    for organisation in organisations:
        stored = {row.name_key for row in organisation.names_searched.all()}
        assert stored == organisation.name_keys()


def test_generate_synthetic_is_deterministic():
    call_command("generate_synthetic", contacts=100, seed=7, verbosity=0)
    first = list(Contact.objects.order_by("pk").values_list("summary", "date_start", "kind"))
    for model in (Contact, Statement, Person, Organisation, Source, Country):
        model.objects.all().delete()
    call_command("generate_synthetic", contacts=100, seed=7, verbosity=0)
    again = list(Contact.objects.order_by("pk").values_list("summary", "date_start", "kind"))
    assert again == first


def test_generated_contacts_carry_their_participants_as_the_model_writes_them():
    call_command("generate_synthetic", contacts=200, seed=1, verbosity=0)
    loaded = dict(Contact.objects.values_list("pk", "participant_text"))
    Contact.objects.all().refresh_summaries()
    written = dict(Contact.objects.values_list("pk", "participant_text"))

    def participants(text):  # the initiator flag as a boolean: "1" or "true"
        return sorted((item[0], item[1] in TRUE_TEXT, *item[2:]) for item in parse(text))

    assert len(loaded) == 200 and all(parse(text) for text in loaded.values())
    assert Participant.objects.filter(person=None).exists()  # unnamed counterparts too
    assert {pk: participants(text) for pk, text in loaded.items()} == {
        pk: participants(text) for pk, text in written.items()
    }


def test_generated_data_keeps_its_integrity():
    call_command("generate_synthetic", contacts=200, seed=1, verbosity=0)
    call_command("verify_citations", verbosity=0)
    wrong = Contact.objects.exclude(participant_count__gte=2)
    assert not wrong.exists()
    assert matching(Statement.objects.all(), "minister").exists()  # indexed after the load


def test_generated_participation_is_skewed():
    call_command("generate_synthetic", contacts=1000, seed=1, verbosity=0)
    from django.db.models import Count

    counts = sorted(
        Participant.objects.values("person").annotate(n=Count("pk")).values_list("n", flat=True),
        reverse=True,
    )
    assert counts[0] > 10 * counts[len(counts) // 2]


def test_capped_paginator_stops_counting_at_the_cap(settings):
    for _ in range(7):
        StatementFactory()
    paginator = CappedPaginator(Statement.objects.all(), 2, cap=5)
    assert (paginator.count, paginator.capped, paginator.count_display) == (5, True, "5+")
    assert paginator.num_pages == 3


def test_table_shows_a_capped_count(analyst_client, settings):
    settings.TABLE_COUNT_CAP = 3
    for _ in range(5):
        StatementFactory()
    response = analyst_client.get(reverse("statement-list"))
    assert "3+ rows" in response.text


def test_pages_beyond_the_cap_are_answered_with_a_message(analyst_client, settings):
    settings.TABLE_COUNT_CAP = 4
    for _ in range(6):
        StatementFactory()
    response = analyst_client.get(reverse("statement-list"), {"per_page": 2, "page": 3})
    assert response.status_code == 200
    assert "Only the first 4 rows can be paged through" in response.text


@pytest.mark.parametrize("url", PAGES)
def test_no_page_counts_a_whole_table(superuser_client, pair, url):
    StatementFactory(text="We talked")
    with CaptureQueriesContext(connection) as queries:
        assert superuser_client.get(url).status_code == 200
    counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    # A page's rows read by their ids (a row source) count per listed row, not the table.
    by_ids = re.compile(
        r'WHERE "contacts_\w+"\."id" IN \((SELECT value FROM json_each\(\'\[[\d,]+\]\'\)'
        r"|SELECT UNNEST\('\{[\d,]+\}'::bigint\[\]\))\)"
    )
    uncapped = [sql for sql in counting if "LIMIT" not in sql.upper() and not by_ids.search(sql)]
    assert uncapped == [], uncapped


def test_contact_search_uses_the_full_text_index(analyst_client, pair):
    caller, callee, contact = pair
    make_contact(PersonFactory(), PersonFactory(), summary="Talks about grain exports.")
    response = analyst_client.get(reverse("contact-list"), {"q": "grain"})
    assert [row.record.summary for row in response.context["table"].page.object_list] == [
        "Talks about grain exports."
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("NEAR(a b)", False),  # the words NEAR, a and b: no "b"
        ('"unclosed', False),  # a phrase left open
        ("a OR", True),  # a trailing OR is no operator
        ("*", False),  # no word at all
        ("col:x", False),  # the words col and x, not a column filter
        ("^a", True),  # the word a
    ],
)
def test_search_words_cannot_inject_full_text_syntax(analyst_client, db, query, found):
    statement = StatementFactory(text="A NEAR miss OR a hit")
    response = analyst_client.get(reverse("statement-list"), {"q": query})
    assert response.status_code == 200
    assert "<table" in response.text
    listed = [row.record for row in response.context["table"].page.object_list]
    assert listed == ([statement] if found else [])


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="FTS5 folds accents; PostgreSQL's english config does not"
)
def test_full_text_search_finds_words_ignoring_accents_and_case(db):
    StatementFactory(text="Amélie de Montchalin spoke")
    assert matching(Statement.objects.all(), "AMELIE").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plan")
def test_statement_search_plan_uses_the_gin_index(db):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    plan = matching(Statement.objects.all(), "imminent", outer=False).explain()
    assert "statement_text_document" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL strategy")
def test_postgresql_fetches_a_rare_words_rows_by_id_and_filters_a_common_one(db, monkeypatch):
    monkeypatch.setattr("contacts.search.RARE_LIMIT", 3)
    for text in ("imminent threat", "imminent attack", "imminent strike", "rare word"):
        StatementFactory(text=text)
    rare = matching(Statement.objects.all(), "rare")
    common = matching(Statement.objects.all(), "imminent")
    assert "text_document" not in str(rare.query) and rare.count() == 1
    assert "text_document" in str(common.query) and common.count() == 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite plan")
def test_statement_search_plan_uses_the_fts5_table(db):
    plan = matching(Statement.objects.all(), "imminent").explain()
    assert "contacts_statement_fts" in plan and "VIRTUAL TABLE" in plan


def test_statement_search_alone_is_counted_from_the_index_alone(db):
    from contacts.lists.filters import StatementFilter

    StatementFactory(text="The minister talks", medium="tweet", is_verbatim=True)
    StatementFactory(text="The minister said", medium="speech", is_verbatim=False)
    StatementFactory(text="Nothing to see")
    alone = StatementFilter({"q": "minister"}, queryset=Statement.objects.all())
    assert alone.qs.count() == 2
    assert alone.count_rows(10) == 2
    with_another_filter = StatementFilter(
        {"q": "minister", "is_verbatim": "true"}, queryset=Statement.objects.all()
    )
    assert with_another_filter.qs.count() == 1
    assert with_another_filter.count_rows is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite strategy")
def test_a_common_words_rows_are_counted_walking_the_index_not_probing_row_by_row(db, monkeypatch):
    from contacts.lists.filters import StatementFilter

    monkeypatch.setattr(
        "contacts.search.is_common", lambda *args, **kwargs: True
    )  # as in most rows
    StatementFactory(text="The minister talks", medium="tweet")
    StatementFactory(text="The minister said", medium="speech")
    filters = StatementFilter(
        {"q": "minister", "medium": "tweet"}, queryset=Statement.objects.all()
    )
    page_sql, counted_sql = str(filters.qs.query), str(filters.rows_to_count.query)
    assert "EXISTS (SELECT 1 FROM contacts_statement_fts" in page_sql
    assert "EXISTS" not in counted_sql
    assert "contacts_statement_fts.rowid = contacts_statement.id" in counted_sql  # a join
    assert filters.count(10) == 1 and list(filters.rows_to_count) == list(filters.qs)


def test_statement_search_page_shows_the_index_count(analyst_client, settings):
    settings.TABLE_COUNT_CAP = 2
    for text in ("minister one", "minister two", "minister three", "other"):
        StatementFactory(text=text)
    response = analyst_client.get(reverse("statement-list"), {"q": "minister"})
    assert "2+ rows" in response.text


def test_the_sources_list_reads_its_newest_first_order_from_an_index(db):
    from django.db.models import F

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
    newest_first = Source.objects.order_by(
        F("published_date").desc(nulls_last=True), "-title", "-pk"
    ).values("pk")[:50]
    assert "source_published" in newest_first.explain()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite plan")
def test_a_kinds_chart_in_a_date_window_reads_both_dates_from_one_index(db):
    from contacts.lists.filters import ContactFilter

    query = {"kind": "meeting", "date_from": "2020-01-01", "date_to": "2020-03-31"}
    rows = ContactFilter(query, queryset=Contact.objects.all()).qs
    dates = rows.order_by("-date_start", "-pk").values_list("date_start", "date_end", "pk")
    plan = dates[:10001].explain()
    assert "COVERING INDEX contact_kind_date" in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite plan")
def test_the_facets_read_the_sampled_contacts_and_their_participants_once_each(db):
    from contacts.lists.facets import CONTACT_FACETS, facet_sql

    sql, params = facet_sql(CONTACT_FACETS, Contact.objects.all(), 2000)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    participants = [step for step in plan if "contacts_participant" in step]
    contacts = [step for step in plan if step.startswith("SEARCH contacts_contact")]
    assert participants == [
        "SEARCH contacts_participant USING COVERING INDEX participant_contact (contact_id=?)"
    ]
    assert len(contacts) == 1  # the kinds of the sampled contacts, read once
