"""Each of the five seed articles goes from paste to saved records on one screen, with the
real proposer: paste, accept the confident proposals, save."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from contacts.models import Citation, Person
from intake.models import Draft

pytestmark = pytest.mark.django_db
ARTICLES = sorted((Path(settings.BASE_DIR).parent / "shared" / "articles").glob("*.txt"))


@pytest.fixture
def seeded(db):
    call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)


@pytest.mark.skipif(not ARTICLES, reason="../shared/articles is not beside the repository")
@pytest.mark.parametrize("article", ARTICLES, ids=[path.name[:3] for path in ARTICLES])
def test_a_seed_article_is_pasted_reviewed_and_saved(editor_client, seeded, article):
    text = article.read_text(encoding="utf-8")
    pasted = editor_client.post(reverse("intake-add"), {"text": text}, follow=True)
    draft = Draft.objects.get(source__text=text)  # the stored article is recognised
    assert pasted.status_code == 200 and "already in the tracker" in pasted.text
    review = reverse("intake-review", args=[draft.pk])
    editor_client.post(review, {"action": "accept_confident"})
    draft.refresh_from_db()
    accepted = [k for k, v in draft.decisions.items() if v["status"] == "accepted"]
    assert accepted, "the proposer found nothing confident to accept"
    saved = editor_client.post(reverse("intake-save", args=[draft.pk]), follow=True)
    assert saved.status_code == 200, saved.context.get("problems") if saved.context else saved
    draft.refresh_from_db()
    assert draft.saved_at is not None
    results = [draft.decisions[key]["result"] for key in accepted]
    for result in results:  # each accepted proposal is a record now, citing this article
        if result["model"] in ("contact", "statement"):
            cited = Citation.objects.filter(source=draft.source, **{result["model"]: result["id"]})
            assert cited.exists(), result
        else:
            assert Person.objects.filter(pk=result["id"]).exists(), result
    call_command("check_integrity", verbosity=0)
