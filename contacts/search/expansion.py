"""The other spellings a search adds for the names it holds (`names.Lookup` finds whom a
text names): a word or run of typed words that names someone also finds every other
spelling of that name, in its group, its OR alternatives and its exclusions; a Cyrillic
word that names nobody the tracker knows also finds its Latin spelling.

`Mike Pompeo OR Dominic Raab`: OR joins the two words beside it, "Pompeo" and "Dominic";
when the words before it and after it name people, the alternatives are those two names.
"""

from dataclasses import dataclass, field

from anyascii import anyascii

from contacts.text import name_key

from .cyrillic import is_cyrillic, without_case_ending
from .names import Lookup
from .syntax import CAPITALS, AllOf, Phrase, Word, abbreviation, clause_of, plain_word
from .variants import forms_of
from .words import tokens

LONGEST_RUN = 6  # words: "Secretary of State Mike Pompeo"
FIRST_WORDS = 12  # where a name may start: a pasted paragraph is not looked up whole
MOST_SPELLINGS = 20


def candidate_runs(groups):
    """[(first group, number of groups, text, whether the run replaces its groups)]: runs of
    plain one-word groups (longest first), which do; and every word or phrase of the other
    groups (alternatives joined by OR), which add their spellings to their group."""
    runs = []
    for start in range(min(len(groups), FIRST_WORDS)):
        for length in range(LONGEST_RUN, 0, -1):
            words = [plain_word(group) for group in groups[start : start + length]]
            if len(words) == length and all(words):
                runs.append((start, length, " ".join(word.token for word in words), True))
    for index, group in enumerate(groups[:FIRST_WORDS]):
        if plain_word(group) is None:
            runs += [(index, 1, text, False) for text in clause_texts(group)]
    return runs


def clause_texts(clauses):
    """The texts of the words and phrases among `clauses` that may name someone (a phrase in
    quotes is searched as typed)."""
    return [
        clause.text
        for clause in clauses
        if (isinstance(clause, Phrase) and not clause.typed)
        or (isinstance(clause, Word) and not clause.prefix)
    ]


def either_sides(groups):
    """[(index, [(words before, text)], [(words after, text)])] of each group made of two
    plain words joined by OR: the runs that end with its first word and those that begin
    with its second, longest first."""
    sides = []
    for index, group in enumerate(groups[:FIRST_WORDS]):
        if len(group) != 2 or not all(plain_word([clause]) for clause in group):
            continue
        first, second = (clause.token for clause in group)
        before, after = [], []
        for length in range(LONGEST_RUN - 1, 0, -1):
            words = [plain_word(g) for g in groups[max(0, index - length) : index]]
            if len(words) == length and all(words):
                before.append((length, " ".join([*(w.token for w in words), first])))
            words = [plain_word(g) for g in groups[index + 1 : index + 1 + length]]
            if len(words) == length and all(words):
                after.append((length, " ".join([second, *(w.token for w in words)])))
        if before or after:
            sides.append((index, before, after))
    return sides


def transliterated(text, searched=False):
    """A Cyrillic word's Latin spellings (anyascii), as typed and without its Russian case
    ending, for a name the tracker does not know: "Лавров" → Lavrov, "Лаврову" → Lavrov.
    For a search (`searched`), the shorter spelling is searched only as a name it could be
    (`stem_names`): "Макей" is not searched as "Mak", and "Макею" as "Makey", not "Make"; a
    look-up of names that contain it (`people_named`) takes the stem as it is."""
    if " " in text or not is_cyrillic(text) or len(text) < 4:
        return []
    stem = without_case_ending(text)
    words = [text, *(stem_names(stem) if searched else [stem])]
    spellings = (anyascii(word).replace("'", "") for word in words)
    return [spelling for spelling in dict.fromkeys(spellings) if spelling.isalpha()]


def clauses_of(spelling):
    """The clauses that find a spelling: an abbreviation in capitals ("US") also as written
    with dots ("U.S."), as when it is typed."""
    if CAPITALS.fullmatch(spelling):
        return abbreviation(spelling)
    words = tokens(spelling)
    return [clause_of(words)] if words else []


def stem_names(stem):
    """The names a Cyrillic word cut of its case ending may be, in their nominative: the stem
    when it ends in a consonant (Лавров, Путин), the stem and "й" when it ends in a vowel
    (Маке → Макей, Никола → Николай); none under four letters (Мак)."""
    if len(stem) < 4 or stem[-1] in "ьЬ":
        return []
    return [stem + "й"] if stem[-1].lower() in "аеёиоуыэюя" else [stem]


@dataclass
class Expanded:
    groups: list
    excluded: list
    added: list = field(default_factory=list)  # the other spellings searched
    people: list = field(default_factory=list)  # the names of the people searched for
    listed: dict = field(default_factory=dict)  # name: (contacts, statements), when read
    typed: dict = field(default_factory=dict)  # name: the typed words that named them
    also_excluded: list = field(default_factory=list)  # the other spellings excluded


class Expansion:
    """The names of one search, looked up in one query."""

    def __init__(self, groups, excluded):
        self.sides = either_sides(groups)
        side_texts = {text for _, before, after in self.sides for _, text in before + after}
        runs = {text for *_, text, _ in candidate_runs(groups)}
        self.lookup = Lookup(runs | side_texts | set(clause_texts(excluded)))
        self.spellings = self.lookup.spellings() if self.lookup.found else {}
        self.added, self.people, self.typed = {}, {}, {}

    def others(self, text, searched=True):
        """The other spellings of what `text` names, as clauses; noted as searched (and
        its person's name) unless `searched` is false (they are excluded)."""
        named = self.lookup.found.get(text)
        if text not in self.lookup.keys:  # not looked up: a spelling added here
            return [], []
        if named is None:
            found = transliterated(text, searched=True)
        else:
            typed = name_key(text)
            spellings = [self.lookup.named_as.get(text, ""), *self.spellings.get(named, [])]
            found = [
                spelling
                for spelling in dict.fromkeys(spellings)
                if name_key(spelling) not in ("", typed)
            ][:MOST_SPELLINGS]
        if searched:
            self.added.update(dict.fromkeys(found))
            if named and named[0] == "person" and self.spellings.get(named):
                # their name comes first; their stored counts, when the candidates held them
                self.people[self.spellings[named][0]] = self.lookup.counts.get(named[1])
                self.typed.setdefault(self.spellings[named][0], text)
        return [clause for spelling in found for clause in clauses_of(spelling)], found

    def named_run(self, runs):
        """(words, text) of the longest of `runs` that names someone, or None."""
        return next(((n, text) for n, text in runs if text in self.lookup.found), None)

    def either_names(self, groups):
        """`groups` with each "… OR …" whose sides name people as those two names."""
        for index, before, after in reversed(self.sides):  # later first: indexes hold
            left, right = self.named_run(before), self.named_run(after)
            if not (left or right):
                continue
            group = []
            for run, word in ((left, groups[index][0]), (right, groups[index][1])):
                if run is None:
                    group.append(word)
                    continue
                words = tuple(Word(token) for token in run[1].split())
                group += [AllOf(words), *self.others(run[1])[0]]
            start = index - (left[0] if left else 0)
            groups = [*groups[:start], group, *groups[index + 1 + (right[0] if right else 0) :]]
        return groups

    def expanded(self, groups):
        """`groups` with the other spellings of every name each run or clause names."""
        taken, merged, extras = set(), {}, {}
        for start, length, text, replaces in candidate_runs(groups):
            places = set(range(start, start + length))
            if replaces and places & taken:
                continue
            clauses, _ = self.others(text)
            if not clauses:
                if replaces and text in self.lookup.found:  # a name with no other spelling:
                    taken |= places  # its words are not widened one by one ("Heiko Maas")
                continue
            if not replaces:
                extras.setdefault(start, []).extend(clauses)
                continue
            taken |= places
            if length == 1:
                merged[start] = (1, [*groups[start], *clauses])
            else:
                words = tuple(plain_word(group) for group in groups[start : start + length])
                merged[start] = (length, [AllOf(words), *clauses])
        result, index = [], 0
        while index < len(groups):
            length, group = merged.get(index, (1, groups[index]))
            result.append(list(dict.fromkeys([*group, *extras.get(index, [])])))
            index += length
        return result


def expand_names(groups, excluded=()):
    """The search's groups and exclusions with the other spellings of every name found (one
    query for both), or the Latin spellings of an unknown Cyrillic word; the names of the
    people searched for: a list of statements or contacts offers theirs."""
    expansion = Expansion(groups, excluded)
    result = Expanded(groups=expansion.expanded(expansion.either_names(groups)), excluded=[])
    result.excluded, also_excluded = list(excluded), {}
    for text in clause_texts(excluded):
        clauses, found = expansion.others(text, searched=False)
        result.excluded += clauses
        also_excluded.update(dict.fromkeys(found))
    result.added, result.people = list(expansion.added), list(expansion.people)
    result.listed = {name: counts for name, counts in expansion.people.items() if counts}
    result.typed = expansion.typed
    result.also_excluded = list(also_excluded)
    return result


def typed_word(group):
    """The group's typed word, in lower case when it has only a capital first ("Defence
    Secretary") and names no one (its other clauses are at most it joined to a neighbour):
    "Rose", a name, is not a form of "rise"."""
    token = group[0].token
    if not (token[:1].isupper() and token[1:].islower()):
        return token
    word = token.lower()
    joined = all(isinstance(c, Word) and word in c.token.lower() for c in group[1:])
    return word if joined else token


def with_other_forms(query):
    """Each typed word (its group's first clause) with its irregular verb forms and its
    other spelling ("tell": told; "defence": defense; `variants`) as alternatives, beside
    its other spellings as a name or joined to its neighbour, and each such excluded word's
    too; noted as also searched."""
    added = {}
    for group in query.groups:
        if isinstance(group[0], Word) and not group[0].prefix:  # the word as typed, first
            forms = [form for form in forms_of(typed_word(group)) if Word(form) not in group]
            group += [Word(form) for form in forms]
            added.update(dict.fromkeys(forms))
    excluded = [c for c in query.excluded if isinstance(c, Word) and not c.prefix]
    query.excluded += [Word(form) for clause in excluded for form in forms_of(clause.token)]
    query.expanded = [*query.expanded, *(form for form in added if form not in query.expanded)]
