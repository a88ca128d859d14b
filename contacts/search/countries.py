"""Countries' names in the languages of the archive's reports, from the Unicode CLDR (Babel):
a search for "Иран", "ایران" or "Irán" names Iran, and finds every spelling of it.

A country is named by one of these names, or by the name it is stored under, when the
tracker knows it (`names.Lookup` reads the known ones with the other candidate names, and
prefers a person or an organisation of that name). Loaded once per process (`warm`).
"""

from functools import lru_cache

from babel import Locale

from contacts.text import name_key

from .cyrillic import is_cyrillic, stemmed_key

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


@lru_cache(maxsize=1)
def names_by_code():
    """{ISO 3166 alpha-2 code: [its names, English first, each once]}."""
    names = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                spellings = names.setdefault(code, [])
                if name_key(name) not in map(name_key, spellings):
                    spellings.append(name)
    return names


@lru_cache(maxsize=1)
def codes_by_key():
    """{name key: code} of every name that one country alone goes by."""
    codes = {}
    for code, names in names_by_code().items():
        for name in names:
            codes.setdefault(name_key(name), set()).add(code)
            if is_cyrillic(name):  # "Ирана", "России": a name in another case
                codes.setdefault(stemmed_key(name_key(name)), set()).add(code)
    return {
        key: next(iter(found))
        for key, found in codes.items()
        if len(found) == 1 and key not in COMMON_WORDS
    }


def codes_named(keys):
    """{key: code} of the keys that are a country's name (a Cyrillic one in any case)."""
    known = codes_by_key()
    named = {key: known.get(key) or known.get(stemmed_key(key)) for key in keys}
    return {key: code for key, code in named.items() if code}


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
    codes_by_key()
