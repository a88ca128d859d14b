"""What the intake page tests share: a report, a fake proposer, a draft."""

from intake import drafting

ADD = "/intake/"
REPORT = (
    "Lavrov calls Pompeo\n\n"
    "Russian Foreign Minister Sergei Lavrov spoke by phone with Mike Pompeo on Friday. "
    "“We urged restraint,” Lavrov said.\n"
    "Both sides said they would talk again soon.\n"
)


def fake_propose(text, *, published=None, language=None, title=""):
    """The proposer's shape without its NLP: sentences, and one person, contact, statement."""
    sentences = drafting.simple_sentences(text)
    first = "Russian Foreign Minister Sergei Lavrov spoke by phone with Mike Pompeo on Friday."
    start = text.find(first)
    result = {"sentences": sentences, "people": [], "contacts": [], "statements": [], "notes": []}
    if start >= 0:
        span = {"excerpt": first, "start": start, "end": start + len(first)}
        pompeo = {
            "name": "Mike Pompeo",
            "person": "mike-pompeo",
            "description": "",
            "country": "US",
        }
        lavrov = {"name": "Sergei Lavrov", "person": None, "description": "", "country": "RU"}
        result["people"] = [
            {
                "id": "p1",
                **span,
                "confident": True,
                "name": "Mike Pompeo",
                "person": "mike-pompeo",
                "candidates": [],
                "new": None,
            },
        ]
        result["contacts"] = [
            {
                "id": "c1",
                **span,
                "confident": True,
                "kind": "phone_call",
                "date_start": "2020-01-03",
                "date_end": None,
                "date_as_written": "on Friday",
                "participants": [lavrov, pompeo],
                "initiator": lavrov,
                "location": "",
                "existing_contact": None,
            },
        ]
        result["statements"] = [
            {"id": "s1", **span, "confident": False, "text": "We urged restraint",
             "speaker": {"name": "Lavrov", "person": None, "description": ""},
             "verbatim": True, "medium": "remarks", "outlet": None,
             "date_start": "2020-01-03", "date_end": None, "existing_statement": None,
             "about_contact": "c1"},
        ]  # fmt: skip
    if language not in ("en", None):
        result["notes"].append(f"No automatic proposals for '{language}'.")
    return result


def details(**changes):
    return {
        "title": "Lavrov calls Pompeo",
        "outlet": "",
        "url": "",
        "published": "2020-01-04",
        "language": "en",
        **changes,
    }


def add_report(client, text=REPORT, **changes):
    """Paste `text`, then confirm its details; returns the second response."""
    first = client.post(ADD, {"text": text})
    token = first.context["token"]
    return client.post(ADD, {"token": token, **details(**changes)})
