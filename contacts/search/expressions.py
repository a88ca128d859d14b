"""A parsed search as each database's own query: an FTS5 MATCH string, a PostgreSQL tsquery.

Both are built from the words alone, every word quoted (FTS5) or passed as a parameter to
`tracker_phrase_query` / `tracker_prefix_query` (SQL functions of the search migration, which run
plainto/phraseto_tsquery in each text search configuration): no character typed in a search
box is read as either database's query syntax.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, FloatField
from django.db.models.expressions import Expression

from .prefixes import terms_starting
from .syntax import AllOf, Dotted, Phrase
from .words import fold, is_compound, parts_of, phrase_forms, ruled_forms


@dataclass(frozen=True)
class Index:
    table: str
    document: str  # PostgreSQL: the stored tsvector column
    # SQLite: the table's columns its FTS5 table also holds, beside the words (`terms`), so
    # that a filter on them is answered by the index with the search (migration 0022)
    copied: tuple = ()

    @property
    def fts(self):  # SQLite: the FTS5 table
        return f"{self.table}_fts"


INDEXES = {
    index.table: index
    for index in (
        Index("contacts_statement", "text_document", copied=("medium",)),
        Index("contacts_contact", "search_document"),  # summary and excerpts
        Index("contacts_citation", "excerpt_document"),
        Index("contacts_source", "text_document"),  # title and text
    )
}


def quoted(terms, markers=None):
    """An FTS5 phrase of `terms`; with rules' `markers`, in those rules' texts only."""
    phrase = '"' + " ".join(terms).replace('"', '""') + '"'
    if not markers:
        return phrase
    return f"({phrase} AND (" + " OR ".join(f'"{marker}"' for marker in markers) + "))"


def scoped(found):
    """FTS5 alternatives of `{terms: markers}` (`words.phrase_forms`)."""
    return [quoted(terms, markers) for terms, markers in found.items()]


def fts5_clause(clause, terms_starting=None):
    """`terms_starting(start)`, when given, names the index's words a prefix stands for."""
    if isinstance(clause, AllOf):
        words = [fts5_clause(word, terms_starting) for word in clause.words]
        return "(" + " AND ".join(words) + ")" if all(words) else ""
    if isinstance(clause, Phrase):
        phrases = {}
        for words in clause.spellings():
            phrases.update({k: v for k, v in phrase_forms(words).items() if k not in phrases})
        alternatives = scoped(phrases)
    elif clause.prefix:
        start = fold("".join(parts_of(clause.token)))
        terms = terms_starting(start) if start and terms_starting else None
        alternatives = [quoted([term]) for term in terms or ()] or (
            [quoted([start]) + " *"] if start else []
        )
    else:
        found = ruled_forms(clause.token)
        alternatives = [quoted([form], found[form]) for form in sorted(found)]
        if is_compound(clause.token):  # also written apart: "de escalation"
            alternatives += scoped(phrase_forms(parts_of(clause.token)))
    return "(" + " OR ".join(alternatives) + ")" if alternatives else ""


def either(parts, operator):
    parts = [part for part in parts if part]
    return "(" + f" {operator} ".join(parts) + ")" if parts else ""


def fts5(query, fts=None):
    """The FTS5 MATCH expression of a Query ("" when nothing is left to search); with the
    FTS5 table `fts`, each prefix as the words of that table it stands for (`prefixes`)."""

    def terms_of(start):
        key = (fts, start)
        if key not in query.prefix_terms:
            query.prefix_terms[key] = terms_starting(fts, start)
        return query.prefix_terms[key]

    def clause(c):
        return fts5_clause(c, terms_of if fts else None)

    groups = [either([clause(c) for c in group], "OR") for group in query.groups]
    expression = " AND ".join(group for group in groups if group)
    excluded = either([clause(c) for c in query.excluded], "OR")
    if expression and excluded:
        expression = f"({expression}) NOT {excluded}"
    if expression and FTS_COPIED.get(fts):  # the words are searched among the words only
        expression = f"terms : ({expression})"
    return expression


FTS_COPIED = {index.fts: index.copied for index in INDEXES.values()}


COPIED_MARKER = "\u01c1m"  # before a copied column's value in the index (migration 0022)


def copied_word(value):
    """A copied column's value as its index holds it: one word, no text's ("ǁmtvinterview")."""
    return COPIED_MARKER + str(value).replace("_", "")


def with_copied(expression, values):
    """The FTS5 `expression` (of `fts5`) also asking the index's copied columns for
    `values` ({column: value}), each as `copied_word`."""
    for column, value in values.items():
        expression += f" AND {column} : " + quoted([copied_word(value)])
    return expression


def tsquery_clause(clause):
    if isinstance(clause, AllOf):
        return joined_sql([tsquery_clause(word) for word in clause.words], "&&")
    if isinstance(clause, Dotted):  # PostgreSQL reads "u.s." as one word
        return "tracker_phrase_query(%s)", [clause.text]
    if isinstance(clause, Phrase):
        spellings = [  # as typed ("U.S." is one word there), then the other spellings
            clause.raw if words == clause.words and clause.raw else " ".join(words)
            for words in clause.spellings()
        ]
        return joined_sql([("tracker_phrase_query(%s)", [text]) for text in spellings], "||")
    parts = parts_of(clause.token)
    if clause.prefix:
        return "tracker_prefix_query(%s)", ["".join(parts)]
    if len(parts) > 1:
        return "(tracker_phrase_query(%s) || tracker_phrase_query(%s))", [
            "".join(parts),
            " ".join(parts),
        ]
    return "tracker_phrase_query(%s)", [clause.token]


def joined_sql(pieces, operator):
    return "(" + f" {operator} ".join(sql for sql, _ in pieces) + ")", [
        param for _, params in pieces for param in params
    ]


def tsquery(query):
    """(sql, params): the PostgreSQL tsquery of a Query."""
    groups = [joined_sql([tsquery_clause(c) for c in group], "||") for group in query.groups]
    sql, params = joined_sql(groups, "&&")
    if query.excluded:
        excluded, more = joined_sql([tsquery_clause(c) for c in query.excluded], "||")
        sql, params = f"({sql} && !!{excluded})", [*params, *more]
    return sql, params


class SearchExpression(Expression):
    """Refers to the row of the query it is used in: `"U0"` inside a subquery."""

    def __init__(self, index, query):
        super().__init__()
        self.index, self.query = index, query

    @property
    def identity(self):  # Django compares expressions by it; a Query is not hashable
        return (self.__class__, self.index, repr((self.query.groups, self.query.excluded)))

    def row(self, compiler):
        return compiler.quote_name_unless_alias(compiler.query.get_initial_alias())


class Probe(Expression):
    """SQLite: the row is among the FTS5 table's matches, asked for this row alone (`rowid`
    = its id): the form a common word's page walks in its own order. Refers to the row of the
    query it is used in, as `SearchExpression` does, so the page's query can be a subquery."""

    output_field = BooleanField()

    def __init__(self, fts, expression):
        super().__init__()
        self.fts, self.expression = fts, expression

    @property
    def identity(self):
        return (self.__class__, self.fts, self.expression)

    def as_sql(self, compiler, connection):
        row = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        fts = self.fts
        sql = f'EXISTS (SELECT 1 FROM {fts} WHERE {fts} MATCH %s AND rowid = {row}."id")'
        return sql, [self.expression]


class AmongMatches(Probe):
    """SQLite: the row's id is among the FTS5 table's matches, collected once. When an index
    gives the page's order, the id is written `+id`: the query then walks that index and
    keeps the rows found among the matches, instead of looking every match up by id and
    sorting them all (which it still does for an order no index gives: a speaker's name)."""

    def as_sql(self, compiler, connection):
        row = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        walk = "+" if index_gives_order(compiler.query) else ""
        fts = self.fts
        sql = f'{walk}{row}."id" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)'
        return sql, [self.expression]


def index_gives_order(query):
    """Whether the query's first ORDER BY column is its table's key or the first column
    of one of its model's full indexes."""
    meta = query.get_meta()
    if query.group_by is not None:  # grouped: Meta.ordering does not apply
        return False
    order = query.order_by or (meta.ordering if query.default_ordering else ())
    first = order[0] if order else None
    if not isinstance(first, str):
        return False
    name = first.lstrip("-")
    if name in ("pk", meta.pk.name):
        return True
    return any(
        index.condition is None and index.fields and index.fields[0].lstrip("-") == name
        for index in meta.indexes
    )


class Matches(SearchExpression):
    """PostgreSQL: the row's stored document matches the query (served by its GIN index)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        sql, params = tsquery(self.query)
        return f'{self.row(compiler)}."{self.index.document}" @@ {sql}', params


class WalkedMatches(Matches):
    """PostgreSQL: the row matches, tested row by row as the page's index is walked, when an
    index gives the page's order; else as `Matches`, for the planner to choose. Written as
    `ts_match_vq`, the function behind `@@`, the match is no index condition, and the
    planner gives it a function's default share of rows (migrations 0015, 0027)."""

    def as_sql(self, compiler, connection):
        if not index_gives_order(compiler.query):
            return super().as_sql(compiler, connection)
        sql, params = tsquery(self.query)
        document = f'{self.row(compiler)}."{self.index.document}"'
        return f"ts_match_vq({document}, {sql})", params


class Relevance(SearchExpression):
    """PostgreSQL: how well the row matches, higher is better (ts_rank). SQLite's bm25 is
    read in one pass instead (`ranking`)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection):
        sql, params = tsquery(self.query)
        return f'ts_rank({self.row(compiler)}."{self.index.document}", {sql})', params
