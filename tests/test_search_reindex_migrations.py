"""Migrations that index rows again: 0019 those holding a zero-width non-joiner, so that a
Persian word typed without it (خامنهای) finds the texts that write it (خامنه‌ای); 0020
those in another language than English or Russian, which then hold their rule's marker."""

import pytest
from django.db import connection

from contacts.models import Statement
from contacts.search import matching
from tests.factories import StatementFactory

from .test_contact_search_document import migrate

WITH_NON_JOINER = "گفت خامنه\u200cای امروز"


def found(q):
    return list(matching(Statement.objects.all(), q).values_list("text", flat=True))


def index_as_before(statement, terms):
    """SQLite: the row's index terms as written before (undoing a migration indexes the
    row with today's Python)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM contacts_statement_fts WHERE rowid = %s", [statement.pk])
        cursor.execute(
            "INSERT INTO contacts_statement_fts(rowid, terms) VALUES (%s, %s)",
            [statement.pk, terms],
        )


@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_a_word_with_a_non_joiner_again_as_a_compound():
    statement = StatementFactory(text=WITH_NON_JOINER)
    assert found("خامنهای") == [WITH_NON_JOINER]
    try:
        migrate("0018_phrase_query_once_per_form")
        if connection.vendor == "sqlite":  # undoing it indexes with today's tokenizer
            index_as_before(statement, "گفت خامنه ای امروز")  # the parts only
        assert found("خامنهای") == []
        assert found("خامنه\u200cای") == [WITH_NON_JOINER]  # as its parts, always
    finally:
        migrate()
    assert found("خامنهای") == [WITH_NON_JOINER]


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_the_texts_of_other_languages_so_their_own_forms_find_them():
    french = StatementFactory(text="Le plan est prêt.", language="fr")
    StatementFactory(text="They planned it.", language="en")
    try:
        migrate("0019_zero_width_non_joiner_compounds")
        if connection.vendor == "sqlite":
            index_as_before(french, "le plan est pret")  # no marker
    finally:
        migrate()
    assert found("plane") == [french.text]  # its French form, searched with the marker


def segments(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(DISTINCT segid) FROM {table}_fts_idx")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
@pytest.mark.parametrize("optimize", [True, False])
@pytest.mark.django_db(transaction=True)
def test_indexing_every_row_again_merges_the_index_into_one_piece(optimize):
    from contacts.migrations import _search_sqlite

    for n in range(3):  # each committed write adds a piece, until FTS5 merges them
        StatementFactory(text=f"Statement {n} to index again.")
    assert segments("contacts_statement") > 1
    with connection.schema_editor(atomic=False) as editor:
        _search_sqlite.reindex_where(editor, lambda text, language: "1", optimize=optimize)
    assert (segments("contacts_statement") == 1) is optimize
    assert len(found("index")) == 3
