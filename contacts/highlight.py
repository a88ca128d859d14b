"""Find cited excerpts in an article's original text, for highlighting."""

import re
from dataclasses import dataclass, field

from .text import normalize_text

QUOTE_CLASSES = {"'": "['‘’‚‛′´`]", '"': '["“”„‟″«»]'}


def excerpt_pattern(excerpt):
    """A regex matching the excerpt in the original text despite typography."""
    parts = []
    for char in normalize_text(excerpt):
        if char == " ":
            parts.append(r"\s+")
        else:
            parts.append(QUOTE_CLASSES.get(char, re.escape(char)))
    return re.compile("".join(parts))


def excerpt_span(excerpt, text):
    match = excerpt_pattern(excerpt).search(text) if excerpt.strip() else None
    return match.span() if match else None


@dataclass
class Segment:
    text: str
    citations: list = field(default_factory=list)
    anchors: list = field(default_factory=list)  # citations that start here
    closing: list = field(default_factory=list)  # citations that end here


def segments(text, citations):
    """Split `text` into runs, each with the citations whose excerpt covers it."""
    spans = [(span, c) for c in citations if (span := excerpt_span(c.excerpt, text))]
    cuts = sorted({0, len(text), *(pos for (start, end), _ in spans for pos in (start, end))})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [c for (s, e), c in spans if s <= start and end <= e]
        starting = [c for (s, e), c in spans if s == start]
        ending = [c for (s, e), c in spans if e == end]
        result.append(Segment(text[start:end], covering, starting, ending))
    return result
