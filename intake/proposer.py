"""Read a report and propose people, contacts and statements. Never writes anything.

`propose(text, published=None, language=None, title="")` returns a dict (JSON-ready):

    {"source": {"title", "published" (ISO date or None), "language"},
     "sentences": [[start, end], ...],          # every sentence, as offsets into `text`
     "sentence_dates": {"3": {"date": ISO | None, "words": "on Friday"}, ...},
     "people": [person, ...], "contacts": [contact, ...], "statements": [statement, ...],
     "notes": [str, ...]}                       # e.g. "No automatic proposals for 'ru'."

Every proposal has "id" (unique in the dict: "p1", "c1", "s1"), "excerpt" (an exact
substring of `text`: the whole sentence or sentences it came from), "start" and "end"
(offsets of the excerpt in `text`) and "confident" (bool: "accept all" takes these).

    person    {"name": as written, "person": slug | None, "candidates": [{"slug", "name",
               "score"}], "new": None | {"name", "title", "country"}}
    contact   {"kind", "date_start", "date_end" (ISO or None), "date_as_written",
               "participants": [{"name", "person": slug | None, "description", "country":
               ISO code | None}], "initiator": participant | None, "location",
               "existing_contact": id | None}
    statement {"speaker": {"name", "person": slug | None, "description"}, "text",
               "verbatim", "medium", "outlet", "date_start", "date_end", "existing_statement":
               id | None, "about_contact": contact proposal id ("c2") | None}

"about_contact" is the contact proposal the statement is suggested to be about (a readout's
"During the call, X said …": see readouts.py).
"""

from .sentences import parsed_lines, split_sentences

AUTOMATIC = {"en"}


def sentence_dates(text, sentences, published, language):
    """{sentence index: {"date": ISO or None, "words": as written}} for sentences that give
    a date, so a proposal started from any sentence, in any language, has its date."""
    from .dates import resolve_in

    found = {}
    for index, (start, end) in enumerate(sentences):
        day, words = resolve_in(text[start:end], published, language)
        if words:
            found[str(index)] = {"date": day.isoformat() if day else None, "words": words}
    return found


def propose(text, *, published=None, language=None, title=""):
    from .reading import detect_language

    language = language or detect_language(text)
    lines = parsed_lines(text, language)
    sentences = split_sentences(text, lines)
    result = {
        "source": {
            "title": title,
            "published": published.isoformat() if published else None,
            "language": language,
        },
        "sentences": sentences,
        "sentence_dates": sentence_dates(text, sentences, published, language),
        "people": [],
        "contacts": [],
        "statements": [],
        "notes": [],
    }
    from .people import propose_people

    result["people"], mentions = propose_people(text, lines, language)
    if language in AUTOMATIC:
        from .events import propose_events
        from .readouts import suggest_contacts

        contacts, statements = propose_events(text, lines, published, mentions)
        suggest_contacts(contacts, statements, sentences)
        result["contacts"], result["statements"] = contacts, statements
    else:
        result["notes"].append(
            f"No automatic contact or statement proposals for language '{language}': people "
            "are matched, and every sentence can be clicked to propose a record by hand."
        )
    return result
