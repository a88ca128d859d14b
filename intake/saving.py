"""Saving a reviewed draft: every accepted proposal written through contacts.services in one
transaction, every excerpt verified; people first, then contacts, then statements (which
may be about a contact written in the same save: see linking.py). If any proposal fails,
nothing at all is saved and each failure is reported with its reason."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from contacts.models import (
    AmbiguousName,
    Contact,
    Country,
    DatePrecision,
    Person,
    Role,
    Statement,
)
from contacts.services import (
    add_citation,
    record_contact,
    record_office,
    record_person,
    record_statement,
)
from contacts.text import excerpt_digest, name_key

from .drafting import find_outlet
from .forms import NEW, OTHER
from .linking import chosen_contact, link_stored_statement, target_problem
from .models import Draft
from .review import ACCEPTED, items

ORDER = {"person": 0, "contact": 1, "statement": 2}  # what a later kind may refer to
FAILURES = (ValidationError, ValueError, IntegrityError, Person.DoesNotExist, AmbiguousName)


class DraftInvalid(Exception):
    """Nothing was saved; `problems` maps a proposal id ("" for the draft) to reasons."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(m for reasons in problems.values() for m in reasons))


def reasons(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [
                f"{name.replace('_', ' ')}: {m}" if name != "__all__" else m
                for name, messages in error.message_dict.items()
                for m in messages
            ]
        return list(error.messages)
    return [str(error)]


def form_reasons(form):
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        found += [f"{label or name}: {e}" if name != "__all__" else e for e in errors]
    return found


def dates(data):
    start, end = data["date_start"], data.get("date_end")
    if end and end != start:
        return {"date_start": start, "date_end": end, "date_precision": DatePrecision.RANGE}
    return {"date_start": start, "date_precision": DatePrecision.DAY}


def outcome(record, action, label=None, note=""):
    return {
        "model": record._meta.model_name,
        "id": record.pk,
        "label": label or str(record)[:120],
        "url": record.get_absolute_url(),
        "action": action,
        "note": note,
    }


class Writer:
    def __init__(self, source):
        self.source = source
        self.people = {}  # name_key of a name as written -> the person it was decided to be
        self.contacts = {}  # contact proposal id -> pk of the contact written or cited

    def write(self, item, data):
        result = getattr(self, f"write_{item.type}")(item, data)
        if item.type == "contact":
            self.contacts[item.id] = result["id"]
        return result

    def country(self, code):
        if not code:
            return None
        country = Country.objects.filter(code=code.strip().upper()).first()
        if country is None:
            raise ValidationError(f"No country has the code “{code}”.")
        return country

    def person(self, value):
        value = value.strip()
        if person := Person.objects.filter(slug=value).first():
            return person
        if person := self.people.get(name_key(value)):
            return person
        try:
            return Person.objects.resolve(value)
        except Person.DoesNotExist as error:
            raise ValidationError(
                f"Nobody in the tracker is called “{value}”: pick a person from the list, or "
                "accept the “new person” proposal for this name."
            ) from error
        except AmbiguousName as error:
            raise ValidationError(f"{error} Pick one from the list.") from error

    def citation(self, item, data, note=""):
        return {
            "source": self.source,
            "excerpt": item.excerpt,
            "date_as_written": data.get("date_as_written") or "",
            "note": note,
        }

    def cite_existing(self, model, pk, item, data):
        record = model.objects.filter(pk=pk).first()
        if record is None:
            raise ValidationError(f"There is no {model._meta.verbose_name} #{pk}.")
        digest = excerpt_digest(item.excerpt)
        if record.citations.filter(source=self.source, excerpt_digest=digest).exists():
            return outcome(record, "already cited")
        add_citation(record=record, **self.citation(item, data))
        return outcome(record, "cited")

    def write_person(self, item, data):
        written = item.proposal.get("name", "")
        if data["choice"] == NEW:
            country = self.country(data.get("new_country"))
            person = record_person(
                name=data["new_name"], country=country, aliases=[written] if written else []
            )
            if data.get("new_title"):
                record_office(
                    person=person,
                    title=data["new_title"],
                    role=data.get("new_role") or Role.OTHER,
                    country=country,
                    citations=[(self.source, item.excerpt)],
                )
            action = "created"
        else:
            person = self.person(data["other"] if data["choice"] == OTHER else data["choice"])
            action = "matched"
        for name in (written, person.name):
            self.people[name_key(name)] = person
        return outcome(person, action)

    def write_contact(self, item, data):
        if data.get("existing_contact"):
            return self.cite_existing(Contact, data["existing_contact"], item, data)
        participants, initiator = [], None
        for i in range(item.form(prefix=False).rows):
            if data.get(f"p{i}_person"):
                entry = self.person(data[f"p{i}_person"])
            elif data.get(f"p{i}_description"):
                country = self.country(data.get(f"p{i}_country"))
                entry = {"description": data[f"p{i}_description"], "country": country}
            else:
                continue
            participants.append(entry)
            if data.get("initiator") == str(i):
                initiator = entry
        contact = record_contact(
            kind=data["kind"],
            summary=data.get("summary") or item.excerpt[:2000],
            location=data.get("location") or "",
            participants=participants,
            initiator=initiator,
            citations=[self.citation(item, data)],
            **dates(data),
        )
        return outcome(contact, "created")

    def write_statement(self, item, data):
        about = chosen_contact(data, self.contacts)
        if data.get("existing_statement"):
            result = self.cite_existing(Statement, data["existing_statement"], item, data)
            if about:
                result["note"] = link_stored_statement(result["id"], about, self.source)
            return result
        speaker = self.person(data["speaker"]) if data.get("speaker") else None
        outlet = find_outlet(data.get("outlet"))
        note = ""
        if data.get("outlet") and outlet is None:
            note = f"Said on {data['outlet']} (not among the tracker's organisations)."
        statement = record_statement(
            speaker=speaker,
            speaker_description="" if speaker else data.get("speaker_description", ""),
            text=data["text"],
            is_verbatim=bool(data.get("verbatim")),
            medium=data["medium"],
            outlet=outlet,
            language=self.source.language or "en",
            contact_id=about,
            citations=[self.citation(item, data, note)],
            **dates(data),
        )
        return outcome(statement, "created", note=f"about contact #{about}" if about else "")


@transaction.atomic
def save_draft(*, draft_id):
    """Write `draft`'s accepted proposals; returns the draft with each outcome recorded in
    decisions[id]["result"]. Raises DraftInvalid (and saves nothing) if any fails."""
    draft = Draft.objects.select_for_update().select_related("source").get(pk=draft_id)
    if draft.saved_at:
        raise DraftInvalid({"": ["This draft was saved already; nothing was saved again."]})
    found = items(draft)
    statuses = {item.id: item.status for item in found}
    accepted = [item for item in found if item.status == ACCEPTED]
    if not accepted:
        raise DraftInvalid({"": ["No proposal is accepted yet: accept or add one first."]})
    writer, problems, results = Writer(draft.source), {}, {}
    for item in sorted(accepted, key=lambda item: ORDER[item.type]):
        form = item.form(data=item.values, prefix=False)
        if not form.is_valid():
            problems[item.id] = form_reasons(form)
            continue
        if item.type == "statement" and (problem := target_problem(form.cleaned_data, statuses)):
            problems[item.id] = [problem]
            continue
        try:
            with transaction.atomic():
                results[item.id] = writer.write(item, form.cleaned_data)
        except FAILURES as error:
            problems[item.id] = reasons(error)
    if problems:
        raise DraftInvalid(problems)
    for key, result in results.items():
        draft.decisions[key]["result"] = result
    draft.saved_at = timezone.now()
    draft.save(update_fields=["decisions", "saved_at", "updated_at"])
    return draft
