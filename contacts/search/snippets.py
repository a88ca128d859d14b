"""Why a row matched: its text around the first match (or a nearby window holding more of
the words searched), HTML-escaped, the matched words marked.

One Python implementation over the row's own text (fetched with the page anyway), using the
word forms the index uses, so both databases show the same snippet and no query is added.
FTS5's snippet() could only show the stems its index holds, and ts_headline parses each
row's whole text again on the database for every page.
"""

import re
from collections import Counter
from functools import lru_cache
from html import escape

from django.utils.safestring import mark_safe

from .syntax import AllOf, Phrase, parse
from .words import TOKEN, english_forms, fold, is_compound, parts_of, surface

WINDOW = 30  # words shown
BEFORE = 8  # of them before the first match
LOOKAHEAD = 2000  # tokens past the first match searched for a window holding more words
SPACE = re.compile(r"\s+")


@lru_cache(maxsize=100_000)
def token_forms(token):
    """The forms of a word of the text, its parts' forms too for a compound (English and
    Russian stems, and the word itself: a French stem searched in French texts only is not
    marked, where "their" would mark every "the")."""
    found = set(english_forms(token))
    if is_compound(token):
        for part in parts_of(token):
            found |= english_forms(part)
    return frozenset(found)


def units(query):
    """The clauses of each distinct thing searched: each group (alternatives joined by OR),
    and each word of a run of typed words that names someone."""
    found = []
    for group in query.groups:
        runs = [clause for clause in group if isinstance(clause, AllOf)]
        found += [[word] for run in runs for word in run.words]
        rest = [clause for clause in group if not isinstance(clause, AllOf)]
        if rest:
            found.append(rest)
    return found


class Highlighter:
    def __init__(self, clauses, units=()):
        self.words, self.prefixes, self.phrases = set(), [], []
        self.units = [Highlighter(unit) for unit in units] if len(units) > 1 else []
        for each in clauses:
            for clause in each.words if isinstance(each, AllOf) else [each]:
                if isinstance(clause, Phrase):
                    for words in clause.spellings():
                        self.phrases.append([token_forms(word) for word in words])
                elif clause.prefix:
                    self.prefixes.append(fold("".join(parts_of(clause.token))))
                else:
                    self.words |= english_forms(clause.token)
                    if is_compound(clause.token):  # written apart in the text
                        parts = parts_of(clause.token)
                        self.phrases.append([english_forms(part) for part in parts])
        every = self.words.union(*(f for phrase in self.phrases for f in phrase), self.prefixes)
        self.starts = {form[:2] for form in every}
        self.looked = {}  # token: may_match(token); a page's rows share most of their words

    def may_match(self, token):
        """A cheap first look: stems keep a word's first letters."""
        hit = self.looked.get(token)
        if hit is None:
            starts = self.starts
            hit = any(w[:2] in starts or w[:1] in starts for w in surface(token))
            self.looked[token] = hit
        return hit

    def matches_word(self, token):
        if token_forms(token) & self.words:
            return True
        return any(word.startswith(p) for word in surface(token) for p in self.prefixes if p)

    def phrase_at(self, tokens, index):
        """How many tokens from `index` form one of the phrases (0 when none does)."""
        for phrase in self.phrases:
            window = tokens[index : index + len(phrase)]
            if len(window) == len(phrase) and all(
                self.may_match(token) and token_forms(token) & forms_
                for token, forms_ in zip(window, phrase, strict=True)
            ):
                return len(phrase)
        return 0

    def marked(self, tokens, start, end):
        """Indexes of the marked tokens in tokens[start:end]."""
        found = set()
        for index in range(start, end):
            if not self.may_match(tokens[index]):
                continue
            if self.matches_word(tokens[index]):
                found.add(index)
            found.update(range(index, index + self.phrase_at(tokens, index)))
        return found

    def matches_at(self, tokens, index):
        token = tokens[index]
        return self.may_match(token) and (
            self.matches_word(token) or bool(self.phrase_at(tokens, index))
        )

    def first_match(self, tokens, start=0):
        for index in range(start, len(tokens)):
            if self.matches_at(tokens, index):
                return index
        return None

    def best_match(self, tokens):
        """The match the snippet starts from: the first, unless a window further on (within
        LOOKAHEAD tokens) holds more of the distinct things searched ("Amélie de
        Montchalin": her name, not the "de" of an earlier "de-escalation")."""
        first = self.first_match(tokens)
        if first is None or not self.units:
            return first
        found = [
            (index, [n for n, unit in enumerate(self.units) if unit.matches_at(tokens, index)])
            for index in range(first, min(len(tokens), first + LOOKAHEAD))
            if self.matches_at(tokens, index)
        ]
        best, most, counts, right = first, 0, Counter(), 0
        for index, keys in found:
            while right < len(found) and found[right][0] < index + WINDOW - BEFORE:
                counts.update(found[right][1])
                right += 1
            if len(+counts) > most:
                best, most = index, len(+counts)
                if most == len(self.units):
                    break
            counts.subtract(keys)
        return best


def highlighter_of(query):
    if not hasattr(query, "highlighter"):
        query.highlighter = Highlighter(query.clauses(), units(query))
    return query.highlighter


def highlight(text, query):
    """(the snippet, whether anything in it matched)."""
    if isinstance(query, str):
        query = parse(query, expand=False)
    text = text or ""
    spans = [(match.start(), match.end()) for match in TOKEN.finditer(text)]
    tokens = [text[start:end] for start, end in spans]
    highlighter = highlighter_of(query)
    first = highlighter.best_match(tokens) if query else None
    start = 0 if first is None else max(0, min(first - BEFORE, len(tokens) - WINDOW))
    end = min(len(tokens), start + WINDOW)
    marked = set() if first is None else highlighter.marked(tokens, start, end)
    position = spans[start][0] if start > 0 else 0
    last = spans[end - 1][1] if end < len(tokens) else len(text)
    pieces = []
    for index in sorted(marked):
        token_start, token_end = spans[index]
        pieces += [escape(text[position:token_start]), "<mark>", escape(tokens[index]), "</mark>"]
        position = token_end
    pieces.append(escape(text[position:last]))
    shown = SPACE.sub(" ", "".join(pieces)).strip()
    shown = ("… " if start > 0 else "") + shown + (" …" if end < len(tokens) else "")
    return mark_safe(shown), first is not None


def snippet(text, query):
    """~30 words of `text` around the first match of `query` (a search text or a parsed
    Query), HTML-escaped, each matched word in <mark>."""
    return highlight(text, query)[0]
