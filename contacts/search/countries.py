"""Countries' names in the languages of the archive's reports, from the Unicode CLDR (Babel):
a search for "Иран", "ایران" or "Irán" names Iran, and finds every spelling of it.

A country is named by one of these names, or by the name it is stored under, when the
tracker knows it (`names.Lookup` reads the known ones with the other candidate names, and
prefers a person or an organisation of that name). Loaded once per process (`warm`).
"""

import re
from functools import lru_cache

from babel import Locale

from contacts.text import name_key

from .cyrillic import is_cyrillic, stemmed_key, without_case_ending
from .words import fold, snowball

WORD = re.compile(r"[^\W\d_]+")

# English first: the languages the search stems (contacts.search.words) and those of the
# scripts the tracker's names are written in. Not Chinese: the index does not split its
# text into words, so a country's Chinese name would meet only a text of that name alone.
LANGUAGES = ("en", "fr", "de", "es", "ru", "ar", "fa")
# CLDR's regions that are not countries: the European Union, the euro area, the United
# Nations, outlying Oceania, pseudo-locales, the unknown region.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# Names that are also common words or given names where reports are written: German
# "Island" (Iceland) is English "island", French "Grenade" (Grenada) "grenade", Russian
# "Того" (Togo) "that", "Réunion" "reunion"; Spanish "Granada" is a city; French "Maurice"
# (Mauritius), "Dominique" (Dominica) and "Salvador" are given names. They name no country.
COMMON_WORDS = frozenset(
    ("island", "grenade", "того", "reunion", "granada", "maurice", "dominique", "salvador")
)
# English names that Babel leaves out, as it keeps only CLDR's main name of a country:
# CLDR's own alternatives ("alt-short", "alt-variant": US, UK, Czech Republic, Burma, …),
# and the names English reports use where CLDR has none (USA, Britain, UAE, Holy See).
# "America" is not one: "Latin America" and "South America" would be found for the US.
ENGLISH_ALSO = {
    "US": ("US", "USA"),
    "GB": ("UK", "Britain", "Great Britain"),
    "AE": ("UAE",),
    "BA": ("Bosnia",),
    "CI": ("Ivory Coast",),
    "CV": ("Cabo Verde",),
    "CZ": ("Czech Republic",),
    "HK": ("Hong Kong",),
    "MM": ("Myanmar", "Burma"),
    "MO": ("Macao",),
    "PS": ("Palestine",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "VA": ("Holy See",),
}
OTHER_NAMES = {"en": ENGLISH_ALSO, "ru": {"US": ("США",)}}  # and CLDR's Russian short one


def is_abbreviation(name):
    """A name in capitals ("US", "U.K."): it names its country only when typed in capitals,
    so that "us" in "told us" names no country."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper()


@lru_cache(maxsize=1)
def names_by_code():
    """{ISO 3166 alpha-2 code: [its names, English first, each once]}."""
    names = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                also = OTHER_NAMES.get(language, {}).get(code, ())
                spellings = names.setdefault(code, [])
                for spelling in (name, *also):
                    if name_key(spelling) not in map(name_key, spellings):
                        spellings.append(spelling)
    return names


@lru_cache(maxsize=2)
def codes_by_key(capitals=False):
    """{name key: code} of every name that one country alone goes by; its abbreviations in
    capitals too only when `capitals`."""
    codes = {}
    for code, names in names_by_code().items():
        for name in names:
            if is_abbreviation(name) and not capitals:
                continue
            codes.setdefault(name_key(name), set()).add(code)
            if is_cyrillic(name):  # "Ирана", "России", "Соединенных Штатов": another case
                codes.setdefault(stemmed_key(name_key(name)), set()).add(code)
                if stems := russian_stems(name):
                    codes.setdefault(stems, set()).add(code)
    return {
        key: next(iter(found))
        for key, found in codes.items()
        if len(found) == 1 and key not in COMMON_WORDS
    }


def russian_stems(text):
    """A Cyrillic text's words as Snowball stems them (й kept, as the index keeps it), when
    each stem has four letters or more ("Соединенных Штатов", "Соединенные Штаты" →
    "соедин штат"); "" otherwise: a shorter stem meets common words ("мало" would name Mali).
    A single word must also lose no more than a case ending (`without_case_ending`): Snowball
    gives "груз" for both "груза" (cargo) and "Грузия", which are not one word."""
    if not isinstance(text, str) or not is_cyrillic(text):
        return ""
    words = [fold(word) for word in WORD.findall(text)]
    stems = snowball("russian").stemWords(words)
    if not stems or any(len(stem) < 4 for stem in stems):
        return ""
    if len(words) == 1:
        return f"{stems[0]}/{without_case_ending(words[0])}"
    return " ".join(stems)


def codes_named(keyed):
    """{text: code} of the texts (`keyed`: {text: its key}) that are a country's name (a
    Cyrillic one in any case; an abbreviation typed in capitals)."""
    named = {}
    for text, key in keyed.items():
        known = codes_by_key(isinstance(text, str) and is_abbreviation(text))
        stems = russian_stems(text)
        cyrillic = isinstance(text, str) and is_cyrillic(text)
        folded = stemmed_key(" ".join(fold(w) for w in WORD.findall(text))) if cyrillic else ""
        found = known.get(key) or known.get(stemmed_key(key)) or known.get(stems)
        if code := found or known.get(folded):  # "Индией": й kept, "-ей" cut
            named[text] = code
    return named


def spellings(code, stored_name):
    """The name the tracker stores a country under, then its names in `LANGUAGES`."""
    keys, names = set(), []
    for name in [stored_name, *names_by_code().get(code, [])]:
        if name_key(name) not in keys:
            keys.add(name_key(name))
            names.append(name)
    return names


def warm():
    """Read the CLDR names now (0.2 s), not on a worker's first search."""
    codes_by_key(False)
    codes_by_key(True)
