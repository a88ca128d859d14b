"""A statements search beside a medium filter: SQLite's index holds each statement's medium
(migration 0022), so the count asks the index for both; the words are still searched among
the words only, and the medium is one word there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.lists.filters import StatementFilter
from contacts.models import Statement
from contacts.search import matching
from tests.factories import StatementFactory

from .test_contact_search_document import migrate

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


def counted(data):
    filters = StatementFilter(data, queryset=Statement.objects.all())
    return sorted(filters.rows_to_count.values_list("text", flat=True))


def index_medium(statement):
    """The medium SQLite's index holds for `statement` (None: not indexed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT medium FROM contacts_statement_fts WHERE rowid = %s", [statement.pk])
        row = cursor.fetchone()
    return row and row[0]


def test_a_search_beside_a_medium_filter_counts_the_statements_of_that_medium_only():
    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    StatementFactory(text="Nothing said", medium="tweet")
    assert counted({"q": "minister", "medium": "tweet"}) == ["The minister tweeted"]


def test_a_medium_that_ends_another_mediums_name_counts_only_its_own_statements():
    StatementFactory(text="The minister was interviewed", medium="interview")
    StatementFactory(text="The minister on television", medium="tv_interview")
    assert counted({"q": "minister", "medium": "interview"}) == ["The minister was interviewed"]
    assert counted({"q": "minister", "medium": "tv_interview"}) == ["The minister on television"]


def test_searching_a_mediums_name_finds_the_word_in_the_text_not_the_medium():
    StatementFactory(text="Nothing of note", medium="tweet")
    StatementFactory(text="He read out a speech", medium="remarks")
    found = matching(Statement.objects.all(), "tweet speech")
    assert list(found) == []
    assert [s.text for s in matching(Statement.objects.all(), "speech")] == ["He read out a speech"]


def test_an_invalid_medium_is_ignored_by_the_count_as_by_the_page():
    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    filters = StatementFilter(
        {"q": "minister", "medium": "nonsense"}, queryset=Statement.objects.all()
    )
    assert sorted(filters.rows_to_count.values_list("text", flat=True)) == sorted(
        filters.qs.values_list("text", flat=True)
    )
    assert filters.count(10) == 2


@sqlite_only
def test_the_count_asks_the_index_for_the_medium_with_the_words():
    StatementFactory(text="The minister tweeted", medium="tweet")
    filters = StatementFilter(
        {"q": "minister", "medium": "tweet"}, queryset=Statement.objects.all()
    )
    with CaptureQueriesContext(connection) as queries:
        assert filters.count(10) == 1
    count_sql = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert any("terms : (" in sql and 'AND medium : "tweet"' in sql for sql in count_sql)
    assert 'medium" = ' in str(filters.rows_to_count.query)  # the table still filters them


@sqlite_only
def test_the_index_keeps_each_statements_medium_as_it_is_written_and_changed():
    statement = StatementFactory(text="Said on air", medium="tv_interview")
    assert index_medium(statement) == "tvinterview"
    Statement.objects.filter(pk=statement.pk).update(medium="speech")
    assert index_medium(statement) == "speech"
    statement.delete()
    assert index_medium(statement) is None


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_medium_migration_indexes_the_statements_already_there_and_undoes_cleanly():
    tweet = StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    try:
        migrate("0021_network_month_kept_as_drawn")
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM contacts_statement_fts LIMIT 1")
            assert [c[0] for c in cursor.description] == ["terms"]  # undone
        assert len(matching(Statement.objects.all(), "minister")) == 2
    finally:
        migrate()
    assert index_medium(tweet) == "tweet"
    assert counted({"q": "minister", "medium": "tweet"}) == ["The minister tweeted"]
    later = StatementFactory(text="The minister again", medium="speech")  # triggers are back
    assert index_medium(later) == "speech"


def test_the_index_count_of_a_search_takes_a_medium_beside_the_words():
    from contacts.search import count_matches

    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    assert count_matches(Statement, "minister", 10) == 2
    assert count_matches(Statement, "minister", 10, filtered={"medium": "tweet"}) == 1
    assert count_matches(Statement, "-minister", 10, filtered={"medium": "tweet"}) == 0


@sqlite_only
def test_a_search_with_only_a_medium_beside_it_is_counted_from_the_index_alone():
    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    StatementFactory(text="Nothing said", medium="tweet")
    filters = StatementFilter(
        {"q": "minister", "medium": "tweet"}, queryset=Statement.objects.all()
    )
    filters.qs  # noqa: B018 (filtering prepares the count)
    assert filters.count_rows is not None
    with CaptureQueriesContext(connection) as queries:
        assert filters.count(10) == 1
    assert len(queries) == 1
    assert '"contacts_statement"' not in queries[0]["sql"]  # the index alone


def test_the_words_count_of_a_search_alone_is_not_taken_for_one_beside_a_medium():
    for n in range(3):
        StatementFactory(text=f"The minister spoke {n}", medium="speech")
    StatementFactory(text="The minister tweeted", medium="tweet")
    filters = StatementFilter(
        {"q": "minister", "medium": "tweet"}, queryset=Statement.objects.all()
    )
    assert len(filters.qs) == 1
    assert filters.count(10) == 1
    assert filters.count(0) == 1
