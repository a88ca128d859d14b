"""Fixtures for the intake page tests: a fake proposer for every test, and a draft."""

import pytest

from intake.models import Draft
from tests.factories import SourceFactory

from .support import REPORT, fake_propose


@pytest.fixture(autouse=True)
def proposer(monkeypatch):
    monkeypatch.setattr("intake.proposer.propose", fake_propose)


@pytest.fixture
def draft(editor):
    source = SourceFactory(text=REPORT, language="en")
    return Draft.objects.create(
        source=source, proposals=fake_propose(REPORT, language="en"), created_by=editor
    )
