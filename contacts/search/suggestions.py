"""Did you mean: for a list that shows no row, the known names its typed words may have meant.

A typed word is compared with the last words of the names and aliases that sound like it
(`contacts.text.sound_key`, indexed: "Suleimani" and "Soleimani" are both "slmn"); the
closest spelling (rapidfuzz's ratio of their Latin letters, at least `CLOSE`) is offered.
A word that already names someone, by any name, first or last word (even one shared by
several people), or an organisation or a country, is left as typed (`names.Lookup`, the
search's own look-up of names), and so are excluded words, prefixes and quoted phrases.
Two queries, asked only when nothing matched: the look-up, then the names that sound alike.
"""

import re

from anyascii import anyascii
from django.db import connection
from rapidfuzz import fuzz

from contacts.models import Person, PersonAlias
from contacts.text import HYPHENS, name_key, sound_key

from .names import Lookup
from .syntax import Word, grouped, read

CLOSE = 70  # of 100
CANDIDATES = 500  # names read for each sound (a sound shared more widely is cut)
MOST_WORDS = 8


def typed_words(texts):
    """The plain words typed in `texts` (searches or names), each once, in order."""
    words = []
    for text in texts:
        groups, _ = grouped(read(text))
        words += [c.token for g in groups for c in g if isinstance(c, Word) and not c.prefix]
    return list(dict.fromkeys(words))[:MOST_WORDS]


def latin(key):
    return anyascii(key).lower()


def close_names(texts):
    """[(typed word, the spelling it may have meant)] for the words typed in `texts` that
    name no one and sound like the last word of a known name."""
    sounds = {word: sound_key(name_key(word)) for word in typed_words(texts)}
    sounds = {word: sound for word, sound in sounds.items() if sound}
    if not sounds:
        return []
    lookup = Lookup(list(sounds))
    sounds = {word: sound for word, sound in sounds.items() if not lookup.names_anyone(word)}
    if not sounds:
        return []
    rows = sounding(set(sounds.values()))
    offered = []
    for word, sound in sounds.items():
        typed = latin(name_key(word))
        spellings = {last_word(name) for name, key in rows if key == sound}
        scored = [(fuzz.ratio(typed, latin(name_key(s))), s) for s in spellings]
        scored = [(score, spelling) for score, spelling in scored if score >= CLOSE]
        if scored:
            best = max(scored, key=lambda pair: (pair[0], same_script(word, pair[1]), pair[1]))
            offered.append((word, best[1]))
    return offered


def sounding(sounds):
    """[(name, sound key)] of the names and aliases of each of `sounds`, at most
    `CANDIDATES` of each (in name order), read in one query through the indexed keys."""
    quoted = connection.ops.quote_name
    person, alias = quoted(Person._meta.db_table), quoted(PersonAlias._meta.db_table)
    marks = ", ".join(["%s"] * len(sounds))
    sql = f"""
        SELECT name, sound_key FROM (
            SELECT name, sound_key,
                   ROW_NUMBER() OVER (PARTITION BY sound_key ORDER BY name) AS place
            FROM (
                SELECT name, sound_key FROM {person} WHERE sound_key IN ({marks})
                UNION SELECT name, sound_key FROM {alias} WHERE sound_key IN ({marks})
            ) AS named
        ) AS placed WHERE place <= {int(CANDIDATES)}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sorted(sounds), *sorted(sounds)])
        return cursor.fetchall()


def last_word(name):
    return HYPHENS.sub(" ", name).split()[-1].strip(".,'\"()[]")


def same_script(word, spelling):
    return (latin(word) == word.lower()) == (latin(spelling) == spelling.lower())


def respelled(text, offered):
    """`text` with every whole word offered another spelling (any case) so spelled."""
    for word, spelling in offered:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        text = pattern.sub(lambda match, spelling=spelling: spelling, text)
    return text
