"""A statements search beside a medium filter: SQLite's index holds each statement's medium
(migration 0022), so the count asks the index for both; the words are still searched among
the words only, and the medium is one word there that no text gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.lists.filters import StatementFilter
from contacts.models import Medium, Statement
from contacts.search import count_matches, matching
from tests.factories import StatementFactory

from .test_contact_search_document import migrate

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
MARKER = "\u01c1m"  # before a medium in the index


def statement_filter(data):
    return StatementFilter(data, queryset=Statement.objects.all())


def counted(data):
    return sorted(statement_filter(data).rows_to_count.values_list("text", flat=True))


def index_medium(pk):
    """The medium SQLite's index holds for statement `pk` (None: not indexed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT medium FROM contacts_statement_fts WHERE rowid = %s", [pk])
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
    for medium, text in [
        ("interview", "The minister was interviewed"),
        ("tv_interview", "The minister on television"),
    ]:
        filters = statement_filter({"q": "minister", "medium": medium})
        assert [s.text for s in filters.qs] == [text]
        assert filters.count(10) == 1  # counted as listed


def test_searching_a_mediums_name_finds_the_word_in_the_text_not_the_medium():
    StatementFactory(text="Nothing of note", medium="tweet")
    StatementFactory(text="He read out a speech", medium="remarks")
    assert list(matching(Statement.objects.all(), "tweet")) == []
    assert [s.text for s in matching(Statement.objects.all(), "speech")] == ["He read out a speech"]


def test_an_invalid_medium_is_ignored_by_the_count_as_by_the_page():
    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    filters = statement_filter({"q": "minister", "medium": "nonsense"})
    assert sorted(filters.rows_to_count.values_list("text", flat=True)) == sorted(
        filters.qs.values_list("text", flat=True)
    )
    assert filters.count(10) == 2


def test_the_index_count_of_a_search_takes_a_medium_beside_the_words():
    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    assert count_matches(Statement, "minister", 10) == 2
    assert count_matches(Statement, "minister", 10, filtered={"medium": "tweet"}) == 1
    assert count_matches(Statement, "-minister", 10, filtered={"medium": "tweet"}) == 0


@pytest.mark.parametrize("medium", Medium.values)
def test_the_index_count_beside_each_medium_is_the_tables(medium):
    for value in Medium.values:
        StatementFactory(text="The minister spoke", medium=value)
    StatementFactory(text="Nothing said", medium=medium)
    expected = Statement.objects.filter(medium=medium, text__contains="minister").count()
    assert count_matches(Statement, "minister", 10, filtered={"medium": medium}) == expected == 1


def test_the_words_count_of_a_search_alone_is_not_taken_for_one_beside_a_medium():
    # a word rare enough that finding the page's rows counts every match (`is_common`)
    StatementFactory.create_batch(100, text="Nothing said")
    for n in range(3):
        StatementFactory(text=f"The minister spoke {n}", medium="speech")
    StatementFactory(text="The minister tweeted", medium="tweet")
    filters = statement_filter({"q": "minister", "medium": "tweet"})
    assert len(filters.qs) == 1
    assert filters.count(10) == 1


@sqlite_only
def test_the_count_asks_the_index_for_the_medium_with_the_words():
    StatementFactory(text="The minister tweeted", medium="tweet")
    filters = statement_filter({"q": "minister", "medium": "tweet"})
    with CaptureQueriesContext(connection) as queries:
        assert filters.count(10) == 1
    count_sql = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert any("terms : (" in sql and f'AND medium : "{MARKER}tweet"' in sql for sql in count_sql)
    assert 'medium" = ' in str(filters.rows_to_count.query)  # the table still filters them


@sqlite_only
def test_a_search_with_only_a_medium_beside_it_is_counted_from_the_index_alone():
    StatementFactory(text="The minister tweeted", medium="tweet")
    StatementFactory(text="The minister spoke", medium="speech")
    StatementFactory(text="Nothing said", medium="tweet")
    filters = statement_filter({"q": "minister", "medium": "tweet"})
    filters.qs  # noqa: B018 (filtering prepares the count)
    assert filters.count_rows is not None
    with CaptureQueriesContext(connection) as queries:
        assert filters.count(10) == 1
    assert len(queries) == 1
    assert '"contacts_statement"' not in queries[0]["sql"]  # the index alone


@sqlite_only
def test_the_index_keeps_each_statements_medium_as_it_is_written_and_changed():
    statement = StatementFactory(text="Said on air", medium="tv_interview")
    assert index_medium(statement.pk) == f"{MARKER}tvinterview"
    Statement.objects.filter(pk=statement.pk).update(medium="speech")
    assert index_medium(statement.pk) == f"{MARKER}speech"
    pk = statement.pk
    statement.delete()
    assert index_medium(pk) is None


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_indexing_rows_again_keeps_the_medium_the_index_holds():
    from contacts.migrations import _search_sqlite

    tweet = StatementFactory(text="The minister tweeted", medium="tweet")
    with connection.schema_editor(atomic=False) as editor:
        _search_sqlite.reindex_where(editor, lambda text, language: "1")
    assert index_medium(tweet.pk) == f"{MARKER}tweet"
    assert counted({"q": "minister", "medium": "tweet"}) == ["The minister tweeted"]


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
    assert index_medium(tweet.pk) == f"{MARKER}tweet"
    assert counted({"q": "minister", "medium": "tweet"}) == ["The minister tweeted"]
    later = StatementFactory(text="The minister again", medium="speech")  # triggers are back
    assert index_medium(later.pk) == f"{MARKER}speech"
