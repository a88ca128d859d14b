"""Cyrillic names in a search: a Russian word's case ending, cut before names are compared
("Макею" and "Макей" meet as "Маке")."""

RUSSIAN_ENDINGS = sorted(
    "ами ями ого его ому ему ыми ими ой ей ий ый ым ом ем ам ям ах ях у ю а я е ы и й ь".split(),
    key=len,
    reverse=True,
)


def is_cyrillic(text):
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def without_case_ending(word):
    """A Cyrillic word of five letters or more without its Russian case ending (as intake)."""
    if is_cyrillic(word) and len(word) >= 5:
        for ending in RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
    return word


def stemmed_key(key):
    return " ".join(without_case_ending(word) for word in key.split())
