"""Deterministic synthetic data in the proportions of a real archive.

Per contact: 2-5 participants, 1-3 citations, 2 statements (each cited once).
People, organisations and sources scale with the number of contacts; who takes part is
Zipf-skewed, so a few people have 10,000+ contacts at a million; dates lean towards
recent years; statement text runs 200-2,000 characters.

Small reference lists (vocabulary, paragraphs) come from Python's `random`; the per-row
draws are vectorised with numpy, both seeded, so a seed always gives the same data.

The package: `generator` (the seeded draws), `reference` (countries, ministries, people,
sources), `contact_rows` (each batch of contacts with their participants, statements and
citations), `load` (inserting it all), `bulk` (fast inserts, indexes built once at the end).
numpy is needed only here: the `synthetic` extra of pyproject.toml (the lock installs it).
"""

from .contact_rows import TABLES
from .generator import Generator
from .load import generate

__all__ = ["TABLES", "Generator", "generate"]
