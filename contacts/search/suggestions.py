"""Did you mean: for a search that lists no row, the known names its words may have meant.

A typed word that names no one ("Suleimani") is compared with the last words of the names
and aliases that sound like it (`contacts.text.sound_key`, indexed: "slmn"), read in one
query; the closest spelling (rapidfuzz's ratio of their Latin letters, at least `CLOSE`)
is offered: "Soleimani". A word that is itself the last word of a known name is left as
typed, and so are excluded words, prefixes and quoted phrases.
"""

import re

from anyascii import anyascii
from rapidfuzz import fuzz

from contacts.models import Person, PersonAlias
from contacts.text import HYPHENS, name_key, sound_key

from .syntax import Word, grouped, read

CLOSE = 70  # of 100
CANDIDATES = 200  # rows read; a sound key shared more widely offers nothing better
MOST_WORDS = 8


def typed_words(text):
    """The plain words of a search as typed, each once, in order (at most `MOST_WORDS`)."""
    groups, _ = grouped(read(text))
    words = [c.token for group in groups for c in group if isinstance(c, Word) and not c.prefix]
    return list(dict.fromkeys(words))[:MOST_WORDS]


def latin(key):
    return anyascii(key).lower()


def close_names(text):
    """[(typed word, the spelling it may have meant)] for the words of `text` close to the
    last word of a known name they are not (one query; none when no word sounds like one)."""
    sounds = {word: sound_key(name_key(word)) for word in typed_words(text)}
    sounds = {word: sound for word, sound in sounds.items() if sound}
    if not sounds:
        return []
    wanted = set(sounds.values())
    names = Person.objects.filter(sound_key__in=wanted).values_list("name", "sound_key")
    aliases = PersonAlias.objects.filter(sound_key__in=wanted).values_list("name", "sound_key")
    rows = list(names.order_by().union(aliases.order_by(), all=True)[:CANDIDATES])
    offered = []
    for word, sound in sounds.items():
        typed = latin(name_key(word))
        spellings = {last_word(name) for name, key in rows if key == sound}
        if any(latin(name_key(spelling)) == typed for spelling in spellings):
            continue  # the word is a name as typed
        scored = [(fuzz.ratio(typed, latin(name_key(s))), s) for s in spellings]
        scored = [(score, spelling) for score, spelling in scored if score >= CLOSE]
        if scored:
            best = max(scored, key=lambda pair: (pair[0], same_script(word, pair[1]), pair[1]))
            offered.append((word, best[1]))
    return offered


def last_word(name):
    return HYPHENS.sub(" ", name).split()[-1].strip(".,'\"()[]")


def same_script(word, spelling):
    return (latin(word) == word.lower()) == (latin(spelling) == spelling.lower())


def replaced(text, word, spelling):
    """`text` with its first `word` (as a whole word, any case) spelled `spelling`."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return pattern.sub(lambda match: spelling, text, count=1)
