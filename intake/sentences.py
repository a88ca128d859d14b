"""Sentences as offsets into the report's text, so every excerpt is verbatim.

Lines are split first (headlines, datelines and page furniture have no full stop), then
each line by spaCy: the English parser's boundaries, or the rule-based sentencizer of
spaCy's blank pipeline for other languages.
"""

import re
from functools import cache

LINE = re.compile(r"[^\n]+")


@cache
def sentencizer(language):
    import spacy

    try:
        nlp = spacy.blank(language)
    except Exception:  # noqa: BLE001 - spaCy has no such language: a multi-language one
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def parser_for(language):
    if language == "en":
        from .nlp import english

        return english()
    return sentencizer(language)


def parsed_lines(text, language):
    """(offset of the line in `text`, spaCy Doc of the line) for every non-blank line."""
    nlp = parser_for(language)
    lines = [line for line in LINE.finditer(text) if line.group().strip()]
    docs = nlp.pipe(line.group() for line in lines)
    return [(line.start(), doc) for line, doc in zip(lines, docs, strict=True)]


def split_sentences(text, lines):
    """[[start, end], ...] of every sentence of `parsed_lines`, stripped of spaces."""
    spans = []
    for offset, doc in lines:
        for sentence in doc.sents:
            start = offset + sentence.start_char
            end = offset + sentence.end_char
            if span := trimmed(text, start, end):
                spans.append(span)
    return spans


def trimmed(text, start, end):
    """[start, end] without the spaces around text[start:end], or None when nothing is left."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return [start, end] if end > start else None
