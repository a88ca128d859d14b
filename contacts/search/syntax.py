"""What a search box's text asks for: words, "exact phrases", prefix*, -exclusions, OR.

Anything else is read as plain words: no text is an error, and no character of it reaches a
database's own query language (`expressions` builds those from the words alone).

- Every word or phrase must be found; `OR` (in capitals) between two of them accepts either,
  binding only those two: `Soleimani OR Suleimani killed` is (Soleimani or Suleimani) and
  killed.
- `"…"` is an exact phrase (a quote left open runs to the end of the text).
- `word*` finds words that begin with `word`.
- `-word` and `-"a phrase"` exclude the rows that hold them; a search made only of
  exclusions searches for those words instead.
- Two plain words side by side also match as one word: "de escalation" finds
  "deescalation" (hyphens are handled by the index, see `words`).
- With `expand`, a word or run of words that names a known person or organisation also
  finds every other spelling of that name (see `names`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .words import LONGEST_WORD, TOKEN, is_compound, tokens

MOST_TERMS = 32  # words and phrases read from one search text
LEXER = re.compile(
    rf'(?P<minus>(?<!\S)-)?(?:"(?P<phrase>[^"]*)"?|(?P<word>{TOKEN.pattern})(?P<star>\*)?)'
)


@dataclass(frozen=True)
class Word:
    token: str
    prefix: bool = False
    after_space: bool = field(default=False, compare=False)  # only a space before it

    @property
    def text(self):
        return self.token


@dataclass(frozen=True)
class Phrase:
    words: tuple

    @property
    def text(self):
        return " ".join(self.words)


@dataclass(frozen=True)
class AllOf:
    """Every one of `words`, anywhere in the row (a run of typed words that named someone)."""

    words: tuple

    @property
    def text(self):
        return " ".join(word.token for word in self.words)


@dataclass
class Query:
    """`groups` must all match; a group matches when one of its clauses does."""

    text: str
    expand: bool = True
    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    expanded: list = field(default_factory=list)  # the other spellings searched
    people: list = field(default_factory=list)  # the names of the people it names
    # SQLite: (FTS5 table, start) -> the table's words a prefix stands for (expressions.fts5)
    prefix_terms: dict = field(default_factory=dict, compare=False, repr=False)
    # A table's number of matches, when finding them already told it (`search.matching`)
    counted: dict = field(default_factory=dict, compare=False, repr=False)
    # Set when the list will count the matches up to this cap: finding them counts them too
    count_cap: int | None = field(default=None, compare=False, repr=False)
    # The rows the page shows, up to its last: None, every row (an export) or not known
    # (a caller that does not say); only a known page may walk its order (`walk_pays`)
    rows_wanted: int | None = field(default=None, compare=False, repr=False)
    # A table's size as finding its matches read it (SQLite: `is_common`; PostgreSQL:
    # the planner's count)
    table_rows: dict = field(default_factory=dict, compare=False, repr=False)
    # PostgreSQL, for one model's list that charts its matches: a function giving the first
    # matching rows' ids, up to the count's cap, read once, and the table's size
    # (`search.matching_postgresql`)
    first_matches: Callable | None = field(default=None, compare=False, repr=False)
    # PostgreSQL: the first matches' ids, read when counting them (the facets' sample)
    first_ids: list | None = field(default=None, compare=False, repr=False)

    def __bool__(self):
        return bool(self.groups)

    def clauses(self):
        return [clause for group in self.groups for clause in group]


def clause_of(words, prefix=False):
    if len(words) == 1:
        return Word(words[0], prefix=prefix)
    return Phrase(tuple(words))


def read(text):
    """[(excluded, clause) or "OR"] in the order written."""
    items, end = [], None
    for match in LEXER.finditer(text or ""):
        gap = text[end : match.start()] if end is not None else ""
        end = match.end()
        if match["phrase"] is not None:
            words = tokens(match["phrase"])
            if words:
                items.append((bool(match["minus"]), clause_of(words)))
        elif match["word"] == "OR" and not match["star"] and not match["minus"]:
            items.append("OR")
        else:
            word = match["word"][:LONGEST_WORD]
            spaced = bool(gap) and not gap.strip()
            items.append((bool(match["minus"]), Word(word, bool(match["star"]), spaced)))
    return items


def grouped(items):
    groups, excluded, either = [], [], False
    for item in items:
        if item == "OR":
            either = bool(groups)
            continue
        is_excluded, clause = item
        if is_excluded:
            excluded.append(clause)
        elif either:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        either = False
    if not groups:  # nothing to exclude from: the words themselves are searched
        groups, excluded = [[clause] for clause in excluded], []
    return groups[:MOST_TERMS], excluded[:MOST_TERMS]


def plain_word(group):
    """The group's word when it is one plain word (no prefix, no OR), else None."""
    if len(group) == 1 and isinstance(group[0], Word) and not group[0].prefix:
        return group[0]
    return None


def join_neighbours(groups):
    """Each plain word also matches joined with its neighbour: (a or ab) and (b or ab) is
    "a and b, or ab"."""
    words = [plain_word(group) for group in groups]
    for index, (first, second) in enumerate(zip(words, words[1:], strict=False)):
        if not (first and second and second.after_space):
            continue
        if not (is_compound(first.token) or is_compound(second.token)):
            joined = Word((first.token + second.token)[:LONGEST_WORD])
            groups[index].append(joined)
            groups[index + 1].append(joined)
    return groups


def parse(text, expand=True):
    """The Query that `text` asks for; `expand` adds the other spellings of names found."""
    query = Query(text=text or "", expand=expand)
    query.groups, query.excluded = grouped(read(text))
    if expand and query.groups:
        from .names import expand_names

        query.groups, query.expanded, query.people = expand_names(query.groups)
    query.groups = join_neighbours(query.groups)
    return query
