"""Names in a search: a word or run of words that names one known person or organisation
also finds every other spelling of that name (every alias, in every script).

A run of up to four typed words names someone when its key (`contacts.text.name_key`:
case, accents, punctuation and Arabic/Persian letter variants ignored) equals one of their
names or aliases, or its transliteration (anyascii: "Макей" meets "Makei"), or, for Cyrillic,
one of them without its Russian case ending ("Макею" meets "Макей"); a single word also
names the person whose full name (not a title or short form) begins with it ("Qasem" →
"Qasem Soleimani") or ends with it (its last word, usually the family name, of three
letters or more: "Rouhani" → "Hassan Rouhani"; `contacts.text.family_key`, indexed), when
no one has it as a name of their own. An organisation is named by its
name, abbreviation, other names, or any of these without a generic last word ("Qods" →
"Qods Force"; `Organisation.name_keys`).
A run that names no one as a whole also names a person when its last words do and the
words before them are those a name is written with: titles and words of offices, initials,
"of", or the person's first names spelled another way ("Secretary of
State Pompeo", "Donald J. Trump", "Sergey Lavrov" → Sergei Lavrov; `Lookup.with_extras`).
A name shared by more than one person or organisation is not expanded. Looked up through
the indexed name keys (people's, aliases', `OrganisationName`) in one query, whatever the
size of the archive.
"""

from dataclasses import dataclass

from anyascii import anyascii
from django.db.models import Value
from rapidfuzz import fuzz

from contacts.models import AliasKind, Organisation, Person, PersonAlias
from contacts.text import family_key, name_key, sound_key

from . import countries
from .cyrillic import is_cyrillic, stemmed_key
from .name_rows import Condition, candidate_rows

CANDIDATE_ROWS = 200
CONNECTORS = frozenset(("of", "the", "for"))  # "Secretary of State Pompeo"
FIRST_NAME_CLOSE = 80  # rapidfuzz ratio of a typed first name to one of the person's
# Titles and words of offices written before a name ("Defence Secretary Esper", "Crown
# Prince Mohammed bin Salman", "Gen. Milley"). Written here: nameparser's list of 812 also
# holds words a search means ("met", "us", "state", "army", "intelligence", "his").
TITLES = frozenset(
    "mr mrs ms dr sir lord lady dame gen general lt col colonel maj major adm admiral brig "
    "president vice prime minister secretary foreign defence defense affairs external "
    "chancellor ambassador envoy senator sen rep congressman congresswoman governor mayor "
    "king queen prince princess crown emir sheikh ayatollah imam supreme leader chairman "
    "spokesman spokeswoman spokesperson commander chief deputy undersecretary seyed sayyid "
    "seyyed hojatoleslam".split()
)


@dataclass
class Named:
    kind: str  # "person" or "organisation"
    pk: int
    spellings: list


def is_arabic(text):
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def joined_keys(key):
    """An Arabic-script key with one of its spaces left out, for each space: Persian writes
    a zero-width non-joiner inside a word (خامنه‌ای), which many type as a space."""
    if not is_arabic(key):
        return []
    words = key.split(" ")
    return [
        " ".join([*words[:n], words[n] + words[n + 1], *words[n + 2 :]])
        for n in range(len(words) - 1)
    ]


class Lookup:
    """What each candidate text names, from the stored names, aliases and organisations,
    read in one query (`candidates`)."""

    def __init__(self, texts):
        self.keys = {text: name_key(text) for text in texts if name_key(text)}
        self.people, self.names, self.organisations, self.found = [], {}, {}, {}
        self.countries = {}  # pk: (code, stored name) of the known countries named
        self.counts = {}  # pk: (contacts, statements) of the people read
        self.cut = False
        self.named_as = {}  # text: the typed words in it that named someone (`with_extras`)
        self.named_rest = {}  # a run's ending: whom it names (`with_extras`)
        self.joined = {  # (text, n): its key with the n-th space left out
            (text, n): variant
            for text, key in self.keys.items()
            for n, variant in enumerate(joined_keys(key))
        }
        if self.keys:
            self.read(self.candidates())
            self.found = self.resolve()

    def every_key(self):
        return [*self.keys.values(), *self.joined.values()]

    def exact_keys(self, key):
        return {key, anyascii(key).lower().replace("'", "")}

    def condition(self):
        """The names and aliases (their `name_key`) that one of the keys may name."""
        condition = Condition()
        condition.equals_any({k for key in self.every_key() for k in self.exact_keys(key)})
        for key in self.every_key():
            if " " not in key:
                condition.starts_with(key + " ")
                if family_key(f"_ {key}"):  # a last name alone: "Rouhani"
                    condition.family_is(key)
            if is_cyrillic(key) and stemmed_key(key) != key:
                condition.starts_with(stemmed_key(key))
        return condition

    def candidates(self):
        """(entity, id, key, kind, name, abbreviation, other names, matched) of every person
        with a name or alias the keys may name (each of their names and aliases; `matched`
        on the ones that met the condition, first), and of every organisation named by a key:
        one query through the indexed name keys (`name_rows`). A long list is cut among the
        other spellings, which `spellings` then reads for the people found."""
        self.codes = countries.codes_named({**self.keys, **self.joined})
        codes = set(self.codes.values())
        keys = set(self.every_key())  # an organisation's, or a country's stored name
        rows = candidate_rows(self.condition(), keys, CANDIDATE_ROWS, codes)
        self.cut = len(rows) == CANDIDATE_ROWS
        return rows

    def read(self, rows):
        """The people's matched names (`people`), every spelling of each person, their name
        first (`names`), each organisation's keys (`organisations`), and each country's
        code and name (`countries`)."""
        for entity, pk, key, kind, name, abbreviation, other_names, matched, *counts in rows:
            if entity == "country":
                self.countries[pk] = (abbreviation, name)
                continue
            if entity == "organisation":
                row = Organisation(pk=pk, name=name, abbreviation=abbreviation)
                row.other_names = other_names
                self.organisations[row] = row.name_keys()
                continue
            if matched:
                self.people.append((pk, key, kind))
            spellings = self.names.setdefault(pk, [])
            spellings.insert(0, name) if kind == "canonical" else spellings.append(name)
            if kind == "canonical":
                self.counts[pk] = tuple(counts)

    def is_name_of(self, key, row_key):
        """`key` is the name `row_key` (in another script, or another Russian case)."""
        if row_key in self.exact_keys(key):
            return True
        return is_cyrillic(key) and stemmed_key(key) == stemmed_key(row_key)

    def starts_or_ends(self, key, row_key, kind):
        """A single word `key` is the first or the last word of the full name `row_key`."""
        if " " in key or kind == AliasKind.SHORT_NAME:
            return False
        if row_key.startswith(key + " ") or family_key(row_key) == key:
            return True
        return is_cyrillic(key) and stemmed_key(row_key).split()[0] == stemmed_key(key)

    def resolve(self):
        """{text: (kind, pk)} for each text that names one person, organisation or country:
        by a person's or an organisation's name first; only when none has that name, by a
        person's first or last word; only then by a country's name ("Jordan" is the person
        Michael Jordan's, where the tracker knows him; "Dominique", French for Dominica, a
        Dominique's)."""
        found = {}
        for text, key in [*self.keys.items(), *self.joined.items()]:
            if isinstance(text, tuple) and text[0] in found:
                continue  # named as typed
            named = self.named_by_name(key) or self.named_by_word(key) or self.country(text, key)
            named = named or self.with_extras(text, key)
            if len(named) == 1:
                found[text[0] if isinstance(text, tuple) else text] = next(iter(named))
        return found

    def named_by_name(self, key):
        named = {("person", pk) for pk, row_key, _ in self.people if self.is_name_of(key, row_key)}
        return named | {
            ("organisation", row.pk) for row, keys in self.organisations.items() if key in keys
        }

    def with_extras(self, text, key):
        """A run of words that names no one as a whole, whose last words name one person,
        after words a name is written with: titles ("Secretary", "Gen."), initials ("J."),
        connectors ("of"), other spellings of that person's first names ("Sergey" for
        Sergei, "Сергея"). Its last words are kept (`named_as`), to be searched too."""
        words = key.split()
        if isinstance(text, tuple) or len(words) < 2:
            return set()
        for start in range(1, len(words)):
            rest = " ".join(words[start:])
            if rest not in self.named_rest:  # every run's endings: each looked at once
                self.named_rest[rest] = self.named_by_name(rest) or self.named_by_word(rest)
            named = self.named_rest[rest]
            if len(named) != 1:
                continue
            kind, pk = next(iter(named))
            if kind == "person" and self.all_extras(words[:start], pk):
                if self.ends_a_name(rest, pk):  # "Lavrov", not a first name: searched too
                    typed = next((t for t, k in self.keys.items() if k == rest), rest)
                    self.named_as[text] = typed
                return named
            return set()
        return set()

    def ends_a_name(self, key, pk):
        """Whether `key` is a name of person `pk`, or the last words of one."""
        rows = [row_key for person, row_key, _ in self.people if person == pk]
        return any(row == key or row.endswith(" " + key) for row in rows)

    def all_extras(self, words, pk):
        """Whether every one of `words` may stand before person `pk`'s name; a word after
        a title and a connector is the title's ("Secretary of State", "Minister for X")."""
        return all(
            self.is_extra(word, pk)
            or (n >= 2 and words[n - 1] in CONNECTORS and words[n - 2] in TITLES)
            for n, word in enumerate(words)
        )

    def is_extra(self, word, pk):
        """Whether `word` (a key's) may stand before person `pk`'s name: a title, an initial,
        a connector, or one of their first names spelled another way."""
        if len(word) == 1 or word in CONNECTORS or word in TITLES:
            return True
        firsts = {w for name in self.names.get(pk, []) for w in name_key(name).split()[:-1]}
        typed = anyascii(word).lower()
        sound = sound_key(word)
        return any(
            (sound and sound == sound_key(first))  # Muhammad, Mohammed: "mmd"
            or (
                typed[:1] == anyascii(first)[:1]
                and fuzz.ratio(typed, anyascii(first)) >= FIRST_NAME_CLOSE
            )
            for first in firsts
        )

    def named_by_word(self, key):
        return {
            ("person", pk)
            for pk, row_key, kind in self.people
            if self.starts_or_ends(key, row_key, kind)
        }

    def country(self, text, key):
        return {
            ("country", pk)
            for pk, (code, name) in self.countries.items()
            if self.codes.get(text) == code or name_key(name) == key
        }

    def names_anyone(self, text):
        """Whether `text` is a name, or a first or last word of one, of anyone the tracker
        knows (shared by several or not), an organisation or a country."""
        key = self.keys.get(text)
        if key is None:
            return False
        named = self.named_by_name(key) or self.named_by_word(key)
        return bool(named or self.country(text, key))

    def spellings(self):
        """{(kind, pk): [every spelling]} for the people and organisations found (read again
        for the people, in a query of its own, when the candidates were cut)."""
        result = {("person", pk): names for pk, names in self.names.items()}
        if self.cut:
            result.update(self.every_spelling())
        for row in self.organisations:
            names = [row.name, *row.other_names.split(";"), row.abbreviation]
            result[("organisation", row.pk)] = [n.strip() for n in names if len(n.strip()) > 1]
        for pk, (code, name) in self.countries.items():
            result[("country", pk)] = countries.spellings(code, name)
        return result

    def every_spelling(self):
        """{("person", pk): [name, *aliases]} of the people found."""
        people = {pk for kind, pk in self.found.values() if kind == "person"}
        names = Person.objects.filter(pk__in=people).annotate(first=Value(0)).order_by()
        aliases = PersonAlias.objects.filter(person__in=people).annotate(first=Value(1))
        rows = names.values_list("pk", "name", "first").union(
            aliases.order_by().values_list("person_id", "name", "first"), all=True
        )
        result = {}
        for pk, name, _ in sorted(rows, key=lambda row: row[2]):
            result.setdefault(("person", pk), []).append(name)
        return result
