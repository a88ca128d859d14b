"""People named in a report, matched to stored people through their names and aliases.

Every name and alias is reduced to a key that ignores case, accents, punctuation, middle
initials and script (anyascii transliterates Cyrillic and Arabic, so "Макей" and "Makei"
meet), and Russian case endings are stripped from Cyrillic words ("Макею" is "Макей").
The report is scanned for runs of one to four words whose key is a known name; English
reports also propose the people spaCy's named-entity recogniser finds and nobody knows.
Matches below a confident score are offered as candidates: the editor chooses.
"""

import re
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz, process

from contacts.models import Person, PersonAlias
from contacts.text import name_key

from .titles import TITLE_WORDS, office_before

CONFIDENT = 95
CANDIDATE = 80
WORD = re.compile(r"[\w'’\-]+", re.UNICODE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
RUSSIAN_ENDINGS = sorted(
    "ами ями ого его ому ему ыми ими ой ей ий ый ом ем ам ям ах ях у ю а я е ы и й ь".split(),
    key=len,
    reverse=True,
)
INITIAL = re.compile(r"^\w$")
NAME_RUN = re.compile(r"^[\w'’\-. ]+$", re.UNICODE)  # no commas, brackets or slashes
POSSESSIVE = re.compile(r"['’]s$")


def stem(word):
    """A word without its Russian case ending (Cyrillic words of five letters or more)."""
    if CYRILLIC.search(word) and len(word) >= 5:
        for ending in RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
    return word


def match_key(name, stemmed=False):
    """Key under which spellings of one name meet, in any script; `stemmed` also drops
    Russian case endings ("Макею" and "Макей" share the stemmed key)."""
    words = [stem(word) if stemmed else word for word in name_key(name).split()]
    words = [w for w in words if not INITIAL.match(w)]  # "Michael R. Pompeo"
    return anyascii(" ".join(words)).lower().replace("'", "").replace("-", " ").strip()


def keys(name):
    """The plain key, and the stemmed one when it differs."""
    return list(dict.fromkeys([match_key(name), match_key(name, stemmed=True)]))


@dataclass
class Known:
    slug: str
    name: str
    country: str


def directory():
    """{key: [Known, ...]} for every stored name and alias, and surnames by key."""
    names, surnames = {}, {}
    people = {p.pk: p for p in Person.objects.select_related("country")}
    rows = [(p.pk, p.name) for p in people.values()]
    rows += list(PersonAlias.objects.values_list("person_id", "name"))
    for pk, name in rows:
        person = people[pk]
        known = Known(person.slug, person.name, person.country.code if person.country else "")
        for key in keys(name):
            if key and known not in names.setdefault(key, []):
                names[key].append(known)
            if len(key.split()) > 1:
                surname = key.split()[-1]
                if known not in surnames.setdefault(surname, []):
                    surnames[surname].append(known)
    return names, surnames


def candidates_for(key, names):
    found = process.extract(key, list(names), scorer=fuzz.token_sort_ratio, limit=3)
    return [
        {"slug": k.slug, "name": k.name, "score": round(score)}
        for choice, score, _ in found
        if score >= CANDIDATE
        for k in names[choice]
    ]


def find(phrase, names, surnames):
    """(known, score, candidates) for a phrase of the text."""
    for key in keys(phrase):
        if len(names.get(key, [])) == 1:
            return names[key][0], 100, []
    key = match_key(phrase, stemmed=True)
    if not key:
        return None, 0, []
    if len(names.get(key, [])) == 1:
        return names[key][0], 100, []
    if key in names:  # a shared name: the editor chooses
        return None, 90, [{"slug": k.slug, "name": k.name, "score": 90} for k in names[key]]
    words = key.split()
    if len(words) == 1 and len(surnames.get(key, [])) == 1:
        return surnames[key][0], CONFIDENT, []
    candidates = candidates_for(key, names)
    if len(words) > 1 and len(surnames.get(words[-1], [])) == 1:
        known = surnames[words[-1]][0]
        if fuzz.ratio(key, match_key(known.name)) >= 80:  # "Sergey Lavrov" for "Sergei Lavrov"
            return known, 90, candidates
    return None, candidates[0]["score"] if candidates else 0, candidates


def sentence_of(doc, offset, start_char):
    for sentence in doc.sents:
        if sentence.start_char <= start_char < sentence.end_char:
            text = sentence.text
            start = offset + sentence.start_char + len(text) - len(text.lstrip())
            return start, start + len(text.strip())
    return offset, offset + len(doc.text)


def proposal(text, span, name, known, score, candidates, new=None):
    start, end = span
    return {
        "name": name,
        "person": known.slug if known else None,
        "canonical": known.name if known else None,
        "score": score,
        "confident": known is not None and score >= CONFIDENT,
        "candidates": candidates,
        "new": new,
        "excerpt": text[start:end],
        "start": start,
        "end": end,
    }


def scan(text, lines, names, surnames):
    """Known names anywhere in the text: runs of up to four words, longest first."""
    found = []
    for offset, doc in lines:
        words = list(WORD.finditer(doc.text))
        index = 0
        while index < len(words):
            for size in (4, 3, 2, 1):
                run = words[index : index + size]
                if len(run) < size:
                    continue
                phrase = doc.text[run[0].start() : run[-1].end()]
                if not phrase[:1].isupper():
                    continue  # a name starts with a capital ("и Помпео" does not)
                if not NAME_RUN.match(phrase) or INITIAL.match(run[-1].group()):
                    continue
                known, score, _ = find(phrase, names, surnames)
                if known is not None and score >= CONFIDENT:
                    span = sentence_of(doc, offset, run[0].start())
                    found.append((phrase, known, score, span, offset + run[0].start()))
                    index += size - 1
                    break
            index += 1
    return found


def propose_people(text, lines, language):
    """(proposals, mentions): one proposal per person named, and every mention of each as
    {"start", "end", "name", "person": slug | None, "id": proposal id}, in text order."""
    names, surnames = directory()
    people, by_slug, mentions = [], {}, []
    for phrase, known, score, span, start in scan(text, lines, names, surnames):
        if known.slug not in by_slug:
            by_slug[known.slug] = proposal(text, span, phrase, known, score, [])
            people.append(by_slug[known.slug])
        mentions.append((start, start + len(phrase), phrase, known.slug, by_slug[known.slug]))
    if language == "en":
        spans = [(m[0], m[1]) for m in mentions]
        for person, start, name, first in unknown_people(text, lines, names, surnames, spans):
            slug = person["person"]
            if slug and slug in by_slug:
                person = by_slug[slug]
            elif first:
                people.append(person)
                if slug:
                    by_slug[slug] = person
            mentions.append((start, start + len(name), name, slug, person))
    for number, person in enumerate(people, 1):
        person["id"] = f"p{number}"
    mentions.sort(key=lambda m: m[0])
    return people, [
        {
            "start": s,
            "end": e,
            "name": n,
            "person": slug,
            "id": p["id"],
            "title": (p["new"] or {}).get("title", ""),
        }
        for s, e, n, slug, p in mentions
    ]


def overlaps(spans, offset, entity):
    start, end = offset + entity.start_char, offset + entity.end_char
    return any(s < end and start < e for s, e in spans)


def unknown_people(text, lines, names, surnames, known_spans):
    """PERSON entities no stored name matches: new people, or candidates to choose from."""
    found, named, surnames_of_new = [], {}, {}
    for offset, doc in lines:
        for entity in doc.ents:
            if overlaps(known_spans, offset, entity):
                continue
            if entity.label_ == "PERSON" and entity.text in surnames_of_new:
                person = surnames_of_new[entity.text]  # "Biden" after "Joe Biden"
                found.append((person, offset + entity.start_char, entity.text, False))
                continue
            if not plausible_name(entity):
                continue
            name = POSSESSIVE.sub("", entity.text.strip(" .,;:/"))
            known, score, candidates = find(name, names, surnames)
            key = match_key(name)
            if key not in named:
                span = sentence_of(doc, offset, entity.start_char)
                title, country = office_before(entity)
                new = None if known else {"name": name, "title": title, "country": country}
                named[key] = proposal(text, span, name, known, score, candidates, new)
                found.append((named[key], offset + entity.start_char, name, True))
                if new:
                    surnames_of_new.setdefault(name.split()[-1], named[key])
            else:
                found.append((named[key], offset + entity.start_char, name, False))
    return found


def is_headline(doc):
    """A line of title-cased words with no closing full stop, as headlines and page
    furniture are (a readout's sentence full of names and titles ends with one)."""
    if doc.text.rstrip().endswith((".", "!", "?", "”", '"', "»")):
        return False
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) > 0.7


def plausible_name(entity):
    words = entity.text.split()
    return (
        entity.label_ == "PERSON"
        and 2 <= len(words) <= 5
        and NAME_RUN.match(entity.text.strip(" .,;:/"))
        and not any(w.isupper() and len(w) > 1 for w in words)
        and not all(w.lower() in TITLE_WORDS for w in words)
        and not is_headline(entity.doc)
    )
