"""What the review page shows of each proposal: readable lines, and its edit form."""

from contacts.models import Contact, ContactKind, Medium, Person, Statement

from .linking import about_line

KINDS, MEDIA = dict(ContactKind.choices), dict(Medium.choices)


def person_slugs(found):
    slugs = set()
    for item in found:
        for key, value in item.values.items():
            if value and isinstance(value, str) and key.endswith(("person", "speaker", "choice")):
                slugs.add(value)
            if value and key == "other":
                slugs.add(value)
    return slugs


def dates(values):
    start, end = values.get("date_start"), values.get("date_end")
    if not start:
        return "no date"
    return f"{start} – {end}" if end and end != start else str(start)


def date_words(item):
    """The report's words for the date, or where the proposed date came from."""
    return item.proposal.get("date_note") or item.proposal.get("date_as_written") or ""


def describe(item, values, names):
    """(label, text) pairs for a proposal's card."""

    def name(value):
        return f"{names[value]} ({value})" if value in names else value

    if item.type == "person":
        choice = values.get("choice")
        if choice == "new":
            office = ", ".join(v for v in (values.get("new_title"), values.get("new_country")) if v)
            decided = f"new person: {values.get('new_name')}" + (f" — {office}" if office else "")
        elif choice == "other":
            decided = name(values.get("other") or "")
        else:
            decided = name(choice) if choice else "not matched: choose below"
        lines = [("Written", item.proposal.get("name", "")), ("Is", decided)]
        others = [c["name"] for c in item.proposal.get("candidates") or [] if c["slug"] != choice]
        if others:
            lines.append(("Or perhaps", "; ".join(others)))
        return lines
    lines = []
    if item.type == "contact":
        people, initiator = [], ""
        for i in range(12):
            person, described = values.get(f"p{i}_person"), values.get(f"p{i}_description")
            label = name(person) if person else described
            if described and not person and values.get(f"p{i}_country"):
                label += f" ({values[f'p{i}_country']}, unnamed)"
            if label:
                people.append(label)
                if values.get("initiator") == str(i):
                    initiator = label
        written = date_words(item)
        lines += [
            ("Kind", KINDS.get(values.get("kind"), "not given")),
            ("Date", dates(values) + (f" ({written})" if written else "")),
            ("Participants", "; ".join(people) or "none"),
            ("Reached out", initiator or "unknown"),
        ]
        if values.get("location"):
            lines.append(("Where", values["location"]))
    else:
        speaker = values.get("speaker")
        lines += [
            ("Speaker", name(speaker) if speaker else values.get("speaker_description") or "?"),
            ("Said", values.get("text", "")),
            ("Form", "verbatim" if values.get("verbatim") else "paraphrase"),
            ("Medium", MEDIA.get(values.get("medium"), "")),
            ("Date", dates(values) + (f" ({note})" if (note := date_words(item)) else "")),
        ]
        if values.get("outlet"):
            lines.append(("Outlet", values["outlet"]))
    return lines


def cards(found, bound, problems):
    """Proposals grouped by kind, each with its lines, edit form and any known record."""
    slugs = person_slugs(found)
    names = dict(Person.objects.filter(slug__in=slugs).values_list("slug", "name"))
    statements = [i for i in found if i.type == "statement"]
    wanted = {
        "contact": [i.values.get("existing_contact") for i in found if i.type == "contact"]
        + [i.values.get("about_contact_number") for i in statements],
        "statement": [i.values.get("existing_statement") for i in statements],
    }
    known = {
        "contact": Contact.objects.in_bulk([pk for pk in wanted["contact"] if pk]),
        "statement": Statement.objects.in_bulk([pk for pk in wanted["statement"] if pk]),
    }
    statuses = {item.id: item.status for item in found}
    groups = {"person": [], "contact": [], "statement": []}
    for item in found:
        values = item.values
        existing = values.get(f"existing_{item.type}")
        lines = describe(item, values, names)
        if item.type == "statement":
            about = about_line(values, item.contacts, statuses, known["contact"])
            lines.append(("About the contact", about or "none"))
        groups[item.type].append(
            {
                "item": item,
                "lines": lines,
                "form": bound.get(item.id) or item.form(),
                "open": item.id in bound,
                "result": item.result,
                "problems": problems.get(item.id, []),
                "existing_id": existing,
                "existing": known.get(item.type, {}).get(existing) if existing else None,
            }
        )
    return groups
