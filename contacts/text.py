"""Normalisation of names and excerpts, so that comparisons ignore typography."""

import hashlib
import re
import unicodedata

from anyascii import anyascii

TYPOGRAPHIC_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)

# Arabic-script letters written differently in Arabic and Persian orthography.
ARABIC_VARIANTS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
        "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u0640": None,  # tatweel
    }
)

WHITESPACE = re.compile(r"\s+")
NAME_PUNCTUATION = re.compile(r"[.,'\"()\[\]]")
HYPHENS = re.compile(r"[\u2010-\u2015\u2212-]")


def normalize_text(text):
    """Collapse whitespace and straighten typographic quotes (for excerpts)."""
    text = unicodedata.normalize("NFKC", text or "").translate(TYPOGRAPHIC_QUOTES)
    return WHITESPACE.sub(" ", text).strip()


def name_key(name):
    """A key under which spellings of one name compare equal.

    Case, accents, Arabic/Persian letter variants, dots and hyphens are ignored:
    "François-Philippe Champagne" and "francois philippe champagne" share a key.
    """
    text = unicodedata.normalize("NFKD", name or "").translate(ARABIC_VARIANTS)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = HYPHENS.sub(" ", NAME_PUNCTUATION.sub("", text.translate(TYPOGRAPHIC_QUOTES)))
    return WHITESPACE.sub(" ", text).strip().casefold()


def excerpt_digest(excerpt):
    return hashlib.sha256(normalize_text(excerpt).encode()).hexdigest()


def excerpt_occurs_in(excerpt, text):
    needle = normalize_text(excerpt)
    return bool(needle) and needle in normalize_text(text)


# Bidirectional embeddings, overrides and isolates: they reverse the text around them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LONG_TEXT_WHITESPACE = frozenset("\t\n\r")


def forbidden_character(text, *, long_text=False):
    """(position, character) of the first control or bidi-override character, or None.

    Tab, newline and carriage return are allowed in long text (articles, quotes, notes).
    """
    for position, character in enumerate(text or ""):
        code = ord(character)
        if long_text and character in LONG_TEXT_WHITESPACE:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or character in BIDI_CONTROLS:
            return position, character
    return None


def forbidden_character_message(text, *, long_text=False):
    found = forbidden_character(text, long_text=long_text)
    if found is None:
        return None
    position, character = found
    return (
        f"Contains the invisible control character U+{ord(character):04X} at position "
        f"{position + 1}; remove it (it breaks exports and can reverse the text around it)."
    )


NOT_FAMILY_NAMES = frozenset({"iii", "vii", "viii", "jnr", "snr", "esq"})


def family_key(key):
    """The last word of a name's key, by which a name of several words may be searched
    alone ("rouhani" of "hassan rouhani"; in a name written family name first, the given
    name: "jiechi" of "yang jiechi"). "" for a one-word name, and for a last word of fewer
    than three letters, of digits or a suffix ("jr", "2", "iii"), which many names share."""
    words = key.split()
    last = words[-1] if len(words) > 1 else ""
    if len(last) < 3 or last.isdigit() or last in NOT_FAMILY_NAMES:
        return ""
    return last


# Spellings of one sound in transliterated names, read before the vowels are dropped.
SOUND_SPELLINGS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("ck", "k"), ("dj", "j"))
SOUNDS = str.maketrans({"q": "k", "c": "k", "x": "k", "v": "f"})
SILENT = frozenset("aeiouyhw")


def sound_key(key):
    """The consonants of a name key's last word, in Latin letters, as a reader may hear them:
    the key under which spellings that are easily confused meet ("soleimani", "suleimani"
    and "سلیمانی" → "slmn"; "hezbollah", "hizballah" → "zbl"), so that a search finding
    nothing can offer the name it may have meant. "" for a word under four letters, or of
    fewer than two consonants, which too many names share."""
    words = key.split()
    word = "".join(ch for ch in anyascii(words[-1]).lower() if "a" <= ch <= "z") if words else ""
    if len(word) < 4:
        return ""
    for spelled, sound in SOUND_SPELLINGS:
        word = word.replace(spelled, sound)
    consonants = [ch for ch in word.translate(SOUNDS) if ch not in SILENT]
    sound = "".join(ch for n, ch in enumerate(consonants) if n == 0 or ch != consonants[n - 1])
    return sound if len(sound) >= 2 else ""
