"""Deterministic synthetic data in the proportions of a real archive.

Per contact: 2-5 participants, 1-3 citations, 2 statements (each cited once).
People, organisations and sources scale with the number of contacts; who takes part is
Zipf-skewed, so a few people have 10,000+ contacts at a million; dates lean towards
recent years; statement text runs 200-2,000 characters.
"""

import bisect
import datetime
import itertools
import random

from .models.contacts import ContactKind

KINDS = [kind.value for kind in ContactKind]
KIND_WEIGHTS = [40, 8, 25, 12, 5, 10]
MEDIA = [
    "tweet",
    "tv_interview",
    "interview",
    "press_conference",
    "written_statement",
    "call_readout",
    "speech",
    "remarks",
]
ROLES = [
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "minister",
    "ambassador",
    "spokesperson",
    "senior_official",
]
COMMON_WORDS = (
    "minister talks security region support peace government foreign policy cooperation "
    "president relations crisis strike forces allies council agreement sanctions defence "
    "escalation restraint dialogue partners nuclear trade embassy officials said meeting"
).split()
EPOCH = datetime.date(2026, 6, 30)
SPAN_DAYS = 365 * 25


def syllable_word(rng, length):
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length))


class Generator:
    def __init__(self, contacts, seed=0):
        self.rng = random.Random(seed)
        self.contacts = contacts
        self.people = max(50, contacts // 10)
        self.organisations = max(20, contacts // 200)
        self.sources = max(20, contacts // 2)
        self.countries = 200
        # Zipf weights over people ranks (exponent 0.75: the head has 10,000+ contacts at 1M).
        weights = [1 / (rank**0.75) for rank in range(1, self.people + 1)]
        self.person_cdf = list(itertools.accumulate(weights))
        self.vocabulary = [syllable_word(self.rng, 3 + i % 3) + str(i) for i in range(50_000)]
        rare = [1 / (rank**1.1) for rank in range(1, len(self.vocabulary) + 1)]
        self.rare_cdf = list(itertools.accumulate(rare))
        self.paragraphs = [self.paragraph(self.rng.randint(200, 1900)) for _ in range(2000)]
        self.sentences = [self.paragraph(self.rng.randint(60, 160)) for _ in range(5000)]

    def paragraph(self, size):
        words, length = [], 0
        while length < size:
            word = self.rng.choice(COMMON_WORDS)
            words.append(word)
            length += len(word) + 1
        return " ".join(words)

    def zipf_person(self):
        return bisect.bisect_left(self.person_cdf, self.rng.random() * self.person_cdf[-1])

    def rare_word(self):
        index = bisect.bisect_left(self.rare_cdf, self.rng.random() * self.rare_cdf[-1])
        return self.vocabulary[min(index, len(self.vocabulary) - 1)]

    def recent_date(self):
        """Exponentially more contacts in recent years."""
        days = min(int(self.rng.expovariate(1 / 1500)), SPAN_DAYS)
        return EPOCH - datetime.timedelta(days=days)
