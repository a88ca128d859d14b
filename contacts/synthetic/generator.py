"""The seeded draws of the synthetic set: its reference lists (vocabulary, paragraphs, names)
from Python's `random`, its per-row values from numpy, both seeded (see the package)."""

import datetime
import random

import numpy as np

from ..models.contacts import ContactKind

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
MAX_PARTICIPANTS = 5


def syllable_word(rng, length):
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length))


def zipf_cdf(size, exponent):
    weights = 1 / np.arange(1, size + 1, dtype=np.float64) ** exponent
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


class Generator:
    def __init__(self, contacts, seed=0):
        self.rng = random.Random(seed)
        self.draw = np.random.default_rng(seed)
        self.contacts = contacts
        self.people = max(50, contacts // 10)
        self.organisations = max(20, contacts // 200)
        self.sources = max(20, contacts // 2)
        self.countries = 200
        # Zipf over people ranks (exponent 0.75: the head has 10,000+ contacts at 1M).
        self.person_cdf = zipf_cdf(self.people, 0.75)
        self.vocabulary = [syllable_word(self.rng, 3 + i % 3) + str(i) for i in range(50_000)]
        self.rare_cdf = zipf_cdf(len(self.vocabulary), 1.1)
        # Lengths log-uniform over 200-1,950 characters: most statements are short.
        self.paragraphs = [
            self.paragraph(int(200 * 9.75 ** self.rng.random())) for _ in range(2000)
        ]
        self.sentences = [self.paragraph(self.rng.randint(60, 160)) for _ in range(5000)]
        # ISO dates by days before EPOCH (a statement may follow its contact by 3 days).
        self.days = {
            d: (EPOCH - datetime.timedelta(days=d)).isoformat() for d in range(-3, SPAN_DAYS + 1)
        }

    def paragraph(self, size):
        words, length = [], 0
        while length < size:
            word = self.rng.choice(COMMON_WORDS)
            words.append(word)
            length += len(word) + 1
        return " ".join(words)

    def zipf_people(self, shape):
        return np.searchsorted(self.person_cdf, self.draw.random(shape))

    def rare_words(self, shape):
        return np.minimum(
            np.searchsorted(self.rare_cdf, self.draw.random(shape)), len(self.vocabulary) - 1
        )

    def recent_days(self, size):
        """Days before EPOCH, exponentially more in recent years."""
        return np.minimum(self.draw.exponential(1500, size).astype(np.int64), SPAN_DAYS)

    def distinct_per_row(self, values, counts, redraw):
        """Redraw values[:, j] (j < counts) until each row's first `counts` values differ."""
        columns = values.shape[1]
        for _ in range(100):
            clash = np.zeros(values.shape, dtype=bool)
            for j in range(1, columns):
                earlier = (values[:, :j] == values[:, j : j + 1]).any(axis=1)
                clash[:, j] = earlier & (j < counts)
            if not clash.any():
                return values
            values[clash] = redraw(int(clash.sum()))
        raise RuntimeError("could not draw distinct values")
