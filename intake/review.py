"""A draft under review: its proposals (the proposer's and the editor's own), the editor's
decisions about them, and the article cut into clickable sentences.

Draft.decisions maps a proposal id to {"status": "accepted" | "rejected", "data": {...}},
where data holds the edit form's fields as JSON. A proposal the editor starts by clicking a
sentence has an id "m1", "m2", … and also {"manual": true, "type": "contact" | "statement"};
its excerpt is in data.
"""

from dataclasses import dataclass, field

from django.db import transaction

from contacts.highlight import excerpt_span

from .forms import ContactForm, PersonForm, StatementForm
from .linking import contact_choices
from .models import Draft

GROUPS = {"people": "person", "contacts": "contact", "statements": "statement"}
FORMS = {"person": PersonForm, "contact": ContactForm, "statement": StatementForm}
ACCEPTED, REJECTED = "accepted", "rejected"


@dataclass
class Item:
    id: str
    type: str
    proposal: dict
    manual: bool = False
    status: str | None = None
    data: dict = field(default_factory=dict)
    result: dict | None = None
    contacts: list = field(default_factory=list)  # a statement's "about the contact" choices

    @property
    def excerpt(self):
        return self.data.get("excerpt") or self.proposal.get("excerpt", "")

    @property
    def confident(self):
        return bool(self.proposal.get("confident"))

    @property
    def values(self):
        """The fields as they will be saved: the proposal, overridden by the editor's edits."""
        return {**initial(self), **self.data}

    def form(self, data=None, prefix=True):
        """The edit form: bound to `data` (request.POST, or `values` at saving), or showing
        the current values."""
        values = self.values
        kwargs = {"manual": self.manual}
        if self.type == "contact":
            kwargs["rows"] = participant_rows(values)
        if self.type == "person":
            kwargs["candidates"] = candidates(self.proposal)
        if self.type == "statement":
            kwargs["contacts"] = self.contacts
        if prefix:
            kwargs["prefix"] = self.id
        if data is None:
            return FORMS[self.type](initial=values, **kwargs)
        return FORMS[self.type](data=data, **kwargs)


def candidates(proposal):
    found = list(proposal.get("candidates") or [])
    if proposal.get("person") and proposal["person"] not in {c["slug"] for c in found}:
        found.insert(0, {"slug": proposal["person"], "name": proposal.get("name", "")})
    return [
        {**c, "label": f"{c['name']} ({c['slug']})"} for c in found if c.get("slug") is not None
    ]


def participant_rows(values):
    used = [
        int(key[1:].split("_")[0])
        for key, value in values.items()
        if key.startswith("p") and key[1:].split("_")[0].isdigit() and value
    ]
    return max(used, default=-1) + 2


def who(entry):
    """A participant or speaker as one text: the matched slug, else the name as written."""
    entry = entry or {}
    if entry.get("person"):
        return entry["person"]
    return "" if entry.get("description") else entry.get("name") or ""


def initial(item):
    """A proposal's fields in the edit form's terms."""
    p = item.proposal
    if item.type == "person":
        new = p.get("new") or {}
        choice = p.get("person") or ("new" if new else "")
        return {
            "choice": choice,
            "new_name": new.get("name", ""),
            "new_title": new.get("title", ""),
            "new_country": new.get("country") or "",
        }
    dates = {
        "date_start": p.get("date_start"),
        "date_end": p.get("date_end") if p.get("date_end") != p.get("date_start") else None,
        "date_as_written": p.get("date_as_written", ""),
    }
    if item.type == "statement":
        speaker = p.get("speaker") or {}
        return {
            **dates,
            "speaker": who(speaker),
            "speaker_description": speaker.get("description", ""),
            "text": p.get("text", ""),
            "verbatim": bool(p.get("verbatim", False)),
            "medium": p.get("medium") or "remarks",
            "outlet": p.get("outlet") or "",
            "existing_statement": p.get("existing_statement"),
            "about_contact": p.get("about_contact") or "",
        }
    values = {**dates, "kind": p.get("kind"), "location": p.get("location", "")}
    values["existing_contact"] = p.get("existing_contact")
    for i, participant in enumerate(p.get("participants") or []):
        values[f"p{i}_person"] = who(participant)
        values[f"p{i}_description"] = participant.get("description", "")
        values[f"p{i}_country"] = participant.get("country") or ""
        if participant == p.get("initiator"):
            values["initiator"] = str(i)
    return values


def items(draft):
    """Every proposal of `draft` with the editor's decision, people first."""
    found = []
    for group, kind in GROUPS.items():
        for proposal in draft.proposals.get(group) or []:
            decision = draft.decisions.get(proposal["id"], {})
            found.append(
                Item(
                    proposal["id"],
                    kind,
                    proposal,
                    status=decision.get("status"),
                    data=decision.get("data", {}),
                    result=decision.get("result"),
                )
            )
    for key, decision in draft.decisions.items():
        if decision.get("manual"):
            data = decision.get("data", {})
            proposal = {"id": key, "excerpt": data.get("excerpt", ""), "confident": False}
            found.append(
                Item(
                    key,
                    decision["type"],
                    proposal,
                    True,
                    decision["status"],
                    data,
                    decision.get("result"),
                )
            )
    choices = contact_choices(found, draft)
    for item in found:
        if item.type == "statement":
            item.contacts = choices
    return found


def statement_choices(draft):
    """The "about the contact" choices for a statement the editor adds by hand."""
    return contact_choices(items(draft), draft)


def find(draft, key):
    return next((item for item in items(draft) if item.id == key), None)


def covered_spans(draft, text):
    """(start, end) of every excerpt a kept proposal cites."""
    spans = []
    for item in items(draft):
        if item.status == REJECTED:
            continue
        start, end = item.proposal.get("start"), item.proposal.get("end")
        if item.manual or start is None:
            span = excerpt_span(item.excerpt, text)
            start, end = span if span else (None, None)
        if start is not None:
            spans.append((start, end))
    return spans


def article(draft):
    """The source text as runs: (text, sentence number or None, start, end, covered)."""
    text = draft.source.text
    spans = covered_spans(draft, text)
    runs, position = [], 0
    for number, (start, end) in enumerate(draft.proposals.get("sentences") or []):
        if start < position or end > len(text):
            continue
        if start > position:
            runs.append((text[position:start], None, position, start, False))
        covered = any(s < end and start < e for s, e in spans)
        runs.append((text[start:end], number, start, end, covered))
        position = end
    if position < len(text):
        runs.append((text[position:], None, position, len(text), False))
    return runs


def sentence(draft, number):
    """(start, end, text) of sentence `number`, or None."""
    sentences = draft.proposals.get("sentences") or []
    if not 0 <= number < len(sentences):
        return None
    start, end = sentences[number]
    return start, end, draft.source.text[start:end]


def change_decisions(draft_id, change):
    """Apply `change(decisions)` to a draft under a row lock, so two tabs lose nothing."""
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft_id)
        result = change(draft.decisions)
        draft.save(update_fields=["decisions", "updated_at"])
    return result


def decide(draft, key, status):
    def change(decisions):
        decision = decisions.setdefault(key, {"data": {}})
        decision["status"] = status
        if decision.get("manual") and status != ACCEPTED:
            decisions.pop(key)  # the editor's own proposal: "remove" forgets it
        elif status is None and not decision.get("data"):
            decisions.pop(key)

    change_decisions(draft.pk, change)


def edit(draft, key, data):
    def change(decisions):
        decision = decisions.setdefault(key, {})
        decision.update(status=ACCEPTED, data=data)

    change_decisions(draft.pk, change)


def accept_confident(draft):
    keys = [i.id for i in items(draft) if i.confident and i.status is None]

    def change(decisions):
        for key in keys:
            decisions.setdefault(key, {"data": {}})["status"] = ACCEPTED
        return len(keys)

    return change_decisions(draft.pk, change)


def add_manual(draft, kind, data):
    def change(decisions):
        numbers = [int(k[1:]) for k in decisions if k.startswith("m") and k[1:].isdecimal()]
        key = f"m{max(numbers, default=0) + 1}"
        decisions[key] = {"manual": True, "type": kind, "status": ACCEPTED, "data": data}
        return key

    return change_decisions(draft.pk, change)
