"""Find cited excerpts in an article's original text, for highlighting.

The text is normalised once, as `normalize_text` does (NFKC, straight quotes, one space for
any run of white space), keeping a map back to the original offsets; each excerpt is then
found with `str.find`. The work grows with the length of the text, not text × excerpt.
"""

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from .text import TYPOGRAPHIC_QUOTES, normalize_text

WHITESPACE_RUN = re.compile(r"\s+")


class LocatedText:
    """An article's text, normalised for finding excerpts in it."""

    def __init__(self, text):
        self.text = text
        if unicodedata.is_normalized("NFKC", text):
            self._index_runs(text.translate(TYPOGRAPHIC_QUOTES))
        else:
            self._index_characters(text)

    def _index_runs(self, text):
        """Quotes change one for one: only white-space runs move the offsets."""
        gaps = [match.span() for match in WHITESPACE_RUN.finditer(text)]
        shrink = accumulate((end - start - 1 for start, end in gaps), initial=0)
        self._gap_starts = [
            start - before for (start, _), before in zip(gaps, shrink, strict=False)
        ]
        self._gaps = gaps
        self.normal = WHITESPACE_RUN.sub(" ", text)
        self._origins = None

    def _index_characters(self, text):
        """NFKC may change lengths: remember the origin of every normalised character.

        A letter is normalised together with the combining marks after it, as NFKC composes
        them ("a" + U+0301 becomes "á").
        """
        characters, self._origins, self._widths = [], [], []
        for start, cluster in clusters(text):
            if cluster.isspace():
                if characters and characters[-1] == " " and text[start - 1].isspace():
                    self._widths[-1] += 1
                    continue
                normal = " "
            else:
                normal = unicodedata.normalize("NFKC", cluster).translate(TYPOGRAPHIC_QUOTES)
            for piece in normal:
                characters.append(piece)
                self._origins.append(start)
                self._widths.append(len(cluster))
        self.normal = WHITESPACE_RUN.sub(" ", "".join(characters))

    def _start(self, index):
        if self._origins is not None:
            return self._origins[index]
        gap = bisect_right(self._gap_starts, index) - 1
        if gap < 0:
            return index
        if index == self._gap_starts[gap]:
            return self._gaps[gap][0]
        return self._gaps[gap][1] + index - self._gap_starts[gap] - 1

    def _end(self, index):
        """The original offset just after normalised character `index`."""
        if self._origins is not None:
            return self._origins[index] + self._widths[index]
        gap = bisect_right(self._gap_starts, index) - 1
        if gap >= 0 and index == self._gap_starts[gap]:
            return self._gaps[gap][1]
        return self._start(index) + 1

    def span(self, excerpt):
        """(start, end) of the first occurrence of `excerpt` in the original text, or None."""
        needle = normalize_text(excerpt)
        found = self.normal.find(needle) if needle else -1
        if found < 0:
            return None
        return self._start(found), self._end(found + len(needle) - 1)


def clusters(text):
    """(start, characters) for each letter with the combining marks that follow it."""
    start = 0
    for position in range(1, len(text) + 1):
        if position == len(text) or not unicodedata.combining(text[position]):
            yield start, text[start:position]
            start = position


def excerpt_span(excerpt, text):
    return LocatedText(text).span(excerpt)


@dataclass
class Segment:
    text: str
    citations: list = field(default_factory=list)
    anchors: list = field(default_factory=list)  # citations that start here
    closing: list = field(default_factory=list)  # citations that end here


def segments(text, citations):
    """Split `text` into runs, each with the citations whose excerpt covers it."""
    located = LocatedText(text)
    spans = [(span, c) for c in citations if (span := located.span(c.excerpt))]
    cuts = sorted({0, len(text), *(pos for (start, end), _ in spans for pos in (start, end))})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [c for (s, e), c in spans if s <= start and end <= e]
        starting = [c for (s, e), c in spans if s == start]
        ending = [c for (s, e), c in spans if e == end]
        result.append(Segment(text[start:end], covering, starting, ending))
    return result
