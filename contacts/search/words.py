"""Words as the full-text index sees them: folded, stemmed by language, compounds joined.

One rule set on both databases (PostgreSQL through the text search configurations that the
search migration creates, contacts/migrations/_search_postgresql.py; SQLite through
`index_terms`, which its triggers call):

- The language of the text picks the stemming rule: English, Russian or no language given
  → English Snowball for words of ASCII letters and Russian Snowball for other words (as
  PostgreSQL's own `russian` configuration does, so a Cyrillic name in an English report
  still meets its case forms: "Макею" and "Макей"); German, French, Spanish → that
  language's Snowball for every word; any other language → no stemming.
- Words are lower-cased and their accents removed before stemming; no stop word is dropped
  (an exact phrase stays exact).
- A hyphenated word is indexed as the joined word and its parts ("de-escalate" → deescal
  de escal; SQLite puts the joined word in place, PostgreSQL after the text), so
  "deescalation", "de-escalation" and "de escalation" meet; so is a word with a
  zero-width non-joiner inside (Persian "خامنه‌ای", often written "خامنهای").
- The unstemmed words follow the stems, for prefix searches ("escalat*" finds "escalate",
  whose stem is "escal").
"""

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

ENGLISH_RUSSIAN, SIMPLE = "en_ru", "simple"
RULE_OF_LANGUAGE = {
    "": ENGLISH_RUSSIAN,
    "en": ENGLISH_RUSSIAN,
    "ru": ENGLISH_RUSSIAN,
    "de": "german",
    "fr": "french",
    "es": "spanish",
}
RULES = (ENGLISH_RUSSIAN, "german", "french", "spanish", SIMPLE)
# A text indexed by German, French or Spanish rules also holds its rule's marker: a form only
# those rules give is searched in their texts only, so that the French stem of "news"
# ("new") or the Spanish one of "their" ("the") does not find English texts.
MARKERS = {"german": "\u01c1de", "french": "\u01c1fr", "spanish": "\u01c1es"}
GAP = "\u01c1"  # in the unstemmed words after the stems, where words are left out
# Hyphens, and the zero-width non-joiner that Persian writes inside a word (خامنه‌ای), which
# many texts leave out (خامنهای): the word is met joined or as its parts, as a compound.
HYPHEN = re.compile(r"[-\u2010\u2011\u200c]")
TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011\u200c][^\W_]+)*")
LONGEST_WORD = 64  # characters of a query word that count

stemmers = threading.local()  # PyStemmer objects are not shared between threads


def rule_for(language):
    """The stemming rule of an ISO 639-1 code ("en", "pt-BR", "" …)."""
    code = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    return RULE_OF_LANGUAGE.get(code, SIMPLE)


@lru_cache(maxsize=200_000)
def fold(word):
    """Lower case without accents ("Amélie" → "amelie"); Cyrillic й stays й."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    kept = []
    for ch in decomposed:
        if not unicodedata.combining(ch):
            kept.append(ch)
        elif ch == "\u0306" and kept and kept[-1] == "и":  # й = и + breve
            kept[-1] = "й"
    return "".join(kept)


def snowball(algorithm):
    found = getattr(stemmers, algorithm, None)
    if found is None:
        found = Stemmer.Stemmer(algorithm)
        setattr(stemmers, algorithm, found)
    return found


@lru_cache(maxsize=200_000)
def stem(word, rule):
    """`word` (one word, no hyphen) as `rule` indexes it."""
    folded = fold(word)
    if rule == SIMPLE or any(ch.isdigit() for ch in folded):
        return folded
    if rule == ENGLISH_RUSSIAN:
        return snowball("english" if word.isascii() else "russian").stemWord(folded)
    return snowball(rule).stemWord(folded)


def parts_of(token):
    """The words of a token: ["de", "escalate"] for "de-escalate"."""
    return [part for part in HYPHEN.split(token) if part]


def sequence(token, rule):
    """A token's place in the index: its stem, or for a compound the joined word's stem
    followed by the stems of its parts."""
    parts = parts_of(token)
    if len(parts) == 1:
        return [stem(parts[0], rule)]
    return [stem("".join(parts), rule), *(stem(part, rule) for part in parts)]


@lru_cache(maxsize=200_000)
def surface(token):
    """The unstemmed words of a token, as a prefix search meets them."""
    parts = parts_of(token)
    if len(parts) == 1:
        return (fold(parts[0]),)
    return (fold("".join(parts)), *(fold(part) for part in parts))


@lru_cache(maxsize=200_000)
def token_terms(token, rule):
    return tuple(sequence(token, rule)), tuple(surface(token))


def index_terms(text, language):
    """What the SQLite index holds for `text` (registered on each SQLite connection, see
    `sqlite_function`): the stems in order; then, after a GAP, the unstemmed words in order,
    a GAP for each run of words that are their own stem, so that an unstemmed phrase meets
    only words side by side in the text, as PostgreSQL's positions have it; then the
    rule's marker, if any."""
    rule = rule_for(language)
    stems, words = [], [GAP]
    for token in TOKEN.findall(text or ""):
        token_stems, token_words = token_terms(token, rule)
        stems += token_stems
        for stemmed, word in zip(token_stems, token_words, strict=True):
            if word != stemmed:
                words.append(word)
            elif words[-1] != GAP:
                words.append(GAP)
    marker = [MARKERS[rule]] if rule in MARKERS else []
    return " ".join(stems + words + marker)


def tokens(text):
    """The query words of `text`, each cut to LONGEST_WORD characters."""
    return [token[:LONGEST_WORD] for token in TOKEN.findall(text or "")]


@lru_cache(maxsize=200_000)
def ruled_forms(token):
    """{form: the markers of the texts it is searched in (None: every text)}: a form the
    English rule gives everywhere, another in the texts of the rules that give it."""
    joined = "".join(parts_of(token))
    return markers_of({rule: stem(joined, rule) for rule in RULES})


@lru_cache(maxsize=200_000)
def english_forms(token):
    """The forms of a word that every text is searched for (`ruled_forms` without a
    marker): what a snippet marks, as it does not know the row's language."""
    return frozenset(form for form, markers in ruled_forms(token).items() if markers is None)


def markers_of(by_rule):
    """{form: (marker, …) or None} of {rule: form} (`MARKERS`; None: the English rule)."""
    found = {}
    for rule, form in by_rule.items():
        if not form:
            continue
        marker = MARKERS.get(rule)
        if marker is None or found.get(form, ()) is None:
            found[form] = None
        else:
            found[form] = (*found.get(form, ()), marker)
    return found


def phrase_forms(words):
    """{a phrase's index sequence (a tuple of stems): markers}, for each rule (`ruled_forms`)."""
    return markers_of(
        {rule: tuple(term for word in words for term in sequence(word, rule)) for rule in RULES}
    )


def is_compound(token):
    return len(parts_of(token)) > 1
