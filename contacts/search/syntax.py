"""What a search box's text asks for: words, "exact phrases", prefix*, -exclusions, OR.

Anything else is read as plain words: no text is an error, and no character of it reaches a
database's own query language (`expressions` builds those from the words alone).

- Every word or phrase must be found (`AND` in capitals says so too); `OR` (in capitals)
  between two of them accepts either, binding only those two: `Soleimani OR Suleimani
  killed` is (Soleimani or Suleimani) and killed; `NOT` (in capitals) is `-`.
- `"…"` (or “…”, „…“, «…») is an exact phrase, in any word form and not widened to other
  spellings of a name (a quote left open runs to the end of the text).
- `word*` finds words that begin with `word`.
- `-word` and `-"a phrase"` exclude the rows that hold them (so do "--", and the en dash,
  em dash or minus sign a word processor makes of "-"); a search made only of exclusions
  finds every row that holds none of them.
- Two plain words side by side also match as one word: "de escalation" finds
  "deescalation" (hyphens are handled by the index, see `words`).
- A possessive's 's is not a word of its own: "Soleimani's" searches Soleimani.
- An abbreviation with dots ("U.S.") or in capitals ("US", up to four letters) is searched
  both ways: "U.S." finds "US" and "U.S.".
- With `expand`, a word or run of words that names a known person or organisation also
  finds every other spelling of that name (see `expansion`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .words import LONGEST_WORD, TOKEN, is_compound, parts_of, tokens

MOST_TERMS = 32  # words and phrases read from one search text
QUOTES = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02", '"'))
# Characters a pasted word may carry unseen (soft hyphen, zero-width space, word joiner,
# byte-order mark): read as a space, so that "Pom\u00adpeo" finds "Pompeo" (two neighbours
# are also searched joined, `join_neighbours`) and a text stored with the soft hyphen, which
# the index splits there.
UNSEEN = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), " ")
DOTTED = r"[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])"  # U.S., U.K, e.g.
POSSESSIVE = r"(?:['\u2019]s(?![^\W_]))?"  # read and dropped
# A minus before a word, after a space or at the start: "-", "--" or the dash a word
# processor makes of it (en dash, em dash, minus sign: "Pompeo –Raab" excludes Raab).
MINUS = r"(?<!\S)(?:--?|[\u2013\u2014\u2212])"
LEXER = re.compile(
    rf'(?P<minus>{MINUS})?(?:"(?P<phrase>[^"]*)"?|(?P<dotted>{DOTTED}){POSSESSIVE}'
    rf"|(?P<word>{TOKEN.pattern}){POSSESSIVE}(?P<star>\*)?)"
)
CAPITALS = re.compile(r"[A-Z]{2,4}")  # "US", "UK", "IRGC": also searched as U.S., …
OPERATORS = ("OR", "AND", "NOT")


@dataclass(frozen=True)
class Word:
    token: str
    prefix: bool = False
    after_space: bool = field(default=False, compare=False)  # only a space before it

    @property
    def text(self):
        return self.token


MOST_VARIANTS = 12  # spellings of one typed phrase searched (see `Phrase.spellings`)


@dataclass(frozen=True)
class Phrase:
    words: tuple
    typed: bool = False  # in quotes in the search box (not a name's other spelling)
    raw: str = field(default="", compare=False)  # as typed: PostgreSQL parses it as a text

    @property
    def text(self):
        return " ".join(self.words)

    def spellings(self):
        """The word sequences a typed phrase also stands for: a compound in it written apart
        or joined ("de-escalation": de escalation, deescalation), two of its words written
        as one compound (de escalation: de-escalation, deescalation; a short first word
        and a second of three letters or more, as prefixes go); one change at a time.
        The index holds a compound as its joined word then its parts, so a phrase meets it
        only as written; a name's spellings are searched as stored."""
        found = {self.words: None}
        if not self.typed:
            return list(found)
        words = self.words
        for index, word in enumerate(words):
            parts = parts_of(word)
            if len(parts) > 1:
                found[(*words[:index], *parts, *words[index + 1 :])] = None
                found[(*words[:index], "".join(parts), *words[index + 1 :])] = None
            elif index + 1 < len(words) and may_join(word, words[index + 1]):
                pair = (word, words[index + 1])
                for joined in ("-".join(pair), "".join(pair)):
                    found[(*words[:index], joined[:LONGEST_WORD], *words[index + 2 :])] = None
        return list(found)[:MOST_VARIANTS]


@dataclass(frozen=True)
class Dotted(Phrase):
    """An abbreviation written with dots ("U.S."): its letters as a phrase, as SQLite's index
    holds them; PostgreSQL's parser reads the dotted text as one word."""

    @property
    def text(self):
        return ".".join(self.words) + "."


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
    also_excluded: list = field(default_factory=list)  # the other spellings excluded
    cut_to: int | None = None  # a longer text was cut to this many characters (`filtering`)
    dropped: int = 0  # words and phrases past the first MOST_TERMS, left out
    dropped_excluded: int = 0  # typed exclusions past the first MOST_TERMS, left out
    most_terms = MOST_TERMS
    lowercase_or: bool = False  # "or" typed in lower case, searched as a word (the note says)
    finding_excluded: "Query | None" = field(default=None, compare=False, repr=False)
    people: list = field(default_factory=list)  # the names of the people it names
    listed: dict = field(default_factory=dict)  # their (contacts, statements), where known
    named_by: dict = field(default_factory=dict)  # their names: the typed words naming them
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
    # PostgreSQL, for one model's list that charts its matches: a function giving, read once,
    # the first matching rows' ids (every one up to the count's cap, past it the facets'
    # sample), how many match (up to the cap + 1) and the table's size
    # (`search.matching_postgresql`)
    first_matches: Callable | None = field(default=None, compare=False, repr=False)
    # PostgreSQL: the first matches' ids, read when counting them (the facets' sample)
    first_ids: list | None = field(default=None, compare=False, repr=False)

    def __bool__(self):
        return bool(self.groups or self.excluded)

    @property
    def only_excluded(self):
        """Nothing to find, only words to exclude: every row that holds none of them."""
        return not self.groups and bool(self.excluded)

    def included(self):
        """The Query that finds the rows an `only_excluded` search excludes (made once: its
        prefixes' words are read once)."""
        if self.finding_excluded is None:
            found = Query(text=self.text, expand=self.expand, groups=[list(self.excluded)])
            found.rows_wanted = self.rows_wanted
            self.finding_excluded = found
        return self.finding_excluded

    def clauses(self):
        return [clause for group in self.groups for clause in group]


def may_join(first, second):
    """Whether two typed words may be one compound written apart ("de escalation")."""
    return len(first) <= 5 and len(second) >= 3 and not is_compound(second)


def clause_of(words, prefix=False, typed=False, raw=""):
    """A word, or a phrase of several; a word typed in quotes stays a phrase (`typed`), so
    that it is searched as typed, not widened to other spellings of a name."""
    if len(words) == 1 and not typed:
        return Word(words[0], prefix=prefix)
    return Phrase(tuple(words), typed=typed, raw=raw)


def abbreviation(letters):
    """An abbreviation's clauses: the joined letters, and the letters written with dots."""
    return [Word("".join(letters)), Dotted(tuple(letters))]


def read(text):
    """[(excluded, [clause, …]) or "OR"] in the order written; a clause list's clauses are
    alternatives (an abbreviation's two spellings)."""
    items, end, negated = [], None, False
    text = (text or "").translate(QUOTES).translate(UNSEEN)
    for match in LEXER.finditer(text):
        gap = text[end : match.start()] if end is not None else ""
        end = match.end()
        if match["word"] in ("AND", "NOT") and not match["star"] and not match["minus"]:
            negated = match["word"] == "NOT"  # AND: every word is required anyway
            continue
        excluded, negated = bool(match["minus"]) or negated, False
        if match["phrase"] is not None:
            words = tokens(match["phrase"])
            if words:
                items.append((excluded, [clause_of(words, typed=True, raw=match["phrase"])]))
        elif match["dotted"] is not None:  # "U.S." also as "US"; "a.m." only as itself
            letters = match["dotted"].replace(".", "")
            capitals = letters.isupper()
            items.append(
                (excluded, abbreviation(letters) if capitals else [Dotted(tuple(letters))])
            )
        elif match["word"] == "OR" and not match["star"] and not excluded:
            items.append("OR")
        elif (
            CAPITALS.fullmatch(match["word"])
            and match["word"] not in OPERATORS
            and not match["star"]
        ):
            items.append((excluded, abbreviation(match["word"])))
        else:
            word = match["word"][:LONGEST_WORD]
            spaced = bool(gap) and not gap.strip()
            items.append((excluded, [Word(word, bool(match["star"]), spaced)]))
    return items


def grouped(items):
    """(groups, excluded items): each excluded item a list of clauses (an abbreviation has
    two), so that the typed exclusions can be counted and cut (`parse`)."""
    groups, excluded, either = [], [], False
    for item in items:
        if item == "OR":
            either = bool(groups)
            continue
        is_excluded, clauses = item
        if is_excluded:
            excluded.append(list(clauses))
        elif either:
            groups[-1].extend(clauses)
        else:
            groups.append(list(clauses))
        either = False
    return groups, excluded


def plain_word(group):
    """The group's word when it is one plain word (no prefix, no OR; a word in capitals
    with its dotted spelling is one: "XI Jinping" may name someone), else None."""
    if len(group) == 2 and group[1] == Dotted(tuple(getattr(group[0], "token", ""))):
        group = group[:1]
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


def is_or_word(group):
    """An "or" not in capitals ("or", "Or"), searched as a word."""
    return len(group) == 1 and isinstance(group[0], Word) and group[0].token.lower() == "or"


def parse(text, expand=True):
    """The Query that `text` asks for; `expand` adds the other spellings of names found."""
    query = Query(text=text or "", expand=expand)
    groups, excluded = grouped(read(text))
    query.dropped = max(0, len(groups) - MOST_TERMS)
    query.dropped_excluded = max(0, len(excluded) - MOST_TERMS)
    query.groups = groups[:MOST_TERMS]
    query.lowercase_or = any(is_or_word(group) for group in query.groups[1:-1])
    query.excluded = [clause for item in excluded[:MOST_TERMS] for clause in item]
    if expand and query:
        from .expansion import expand_names

        expanded = expand_names(query.groups, query.excluded)
        query.groups, query.expanded, query.people = (
            expanded.groups,
            expanded.added,
            expanded.people,
        )
        query.listed, query.named_by = expanded.listed, expanded.typed
        query.excluded, query.also_excluded = expanded.excluded, expanded.also_excluded
    query.groups = join_neighbours(query.groups)
    if expand and query:
        from .expansion import with_other_forms

        with_other_forms(query)
    return query
