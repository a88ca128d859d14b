"""The forms of intake: the report (pasted or uploaded), its details, and one form per kind of
proposal, used both to edit a proposal and, at saving, to check what will be written."""

import re

from django import forms

from contacts.models import ContactKind, Medium, Role
from contacts.text import forbidden_character_message

from .reading import MAX_BYTES, UnreadableReport, read_report

PEOPLE_LIST = "people-options"  # the <datalist> the autocomplete fills
OUTLET_LIST = "outlet-options"
COUNTRY_LIST = "country-options"
MIN_ROWS, MAX_ROWS = 3, 8
ROW = re.compile(r"^p\d+_")
EXISTING = "existing"  # "about the contact": one already in the tracker, by number


def listed(datalist, **attrs):
    return forms.TextInput(attrs={"list": datalist, "autocomplete": "off", "dir": "auto", **attrs})


class ReportForm(forms.Form):
    """Step 1: the report, pasted (text or HTML) or uploaded (.txt or .html)."""

    text = forms.CharField(
        label="Paste the report (text or HTML)",
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 14, "dir": "auto", "data-max-bytes": MAX_BYTES, "spellcheck": "false"}
        ),
    )
    upload = forms.FileField(
        label="…or upload a file",
        required=False,
        help_text="A .txt or .html file of up to 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )

    def clean_text(self):
        # A textarea's value has bare newlines; the browser sends each as CRLF.
        return self.cleaned_data["text"].replace("\r\n", "\n")

    def clean(self):
        data = super().clean()
        try:
            self.report = read_report(text=data.get("text", ""), upload=data.get("upload"))
        except UnreadableReport as error:
            raise forms.ValidationError(str(error)) from error
        return data


class DetailsForm(forms.Form):
    """Step 2: what reading found, for the editor to correct before the source is stored."""

    title = forms.CharField(max_length=500, widget=forms.TextInput(attrs={"dir": "auto"}))
    outlet = forms.CharField(
        max_length=200,
        required=False,
        widget=listed(OUTLET_LIST),
        help_text="Matched to a known organisation by name or abbreviation; any other name "
        "is kept in the source's notes.",
    )
    url = forms.URLField(label="URL", max_length=1000, required=False, assume_scheme="https")
    published = forms.DateField(
        label="Publication date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.RegexField(
        regex=r"^[a-z]{2,3}$",
        max_length=3,
        help_text="ISO 639-1 code, e.g. en, ar, ru.",
        error_messages={"invalid": "Give a two-letter language code, e.g. en."},
    )

    def clean(self):
        data = super().clean()
        for name in ("title", "outlet"):
            if message := forbidden_character_message(data.get(name) or ""):
                self.add_error(name, message)
        return data


def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class ProposalForm(forms.Form):
    """Shared by the three kinds: `excerpt` only for proposals the editor starts by hand."""

    def __init__(self, *args, manual=False, **kwargs):
        super().__init__(*args, **kwargs)
        if manual:
            self.fields["excerpt"] = forms.CharField(
                label="Excerpt (verbatim from the report)",
                strip=False,
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            )

    def main_fields(self):
        """Every field but the participant rows (shown as a grid) and the initiator."""
        return [self[name] for name in self.fields if not ROW.match(name) and name != "initiator"]

    def participant_rows(self):
        return []

    def stored(self):
        """The cleaned data as JSON: what Draft.decisions keeps."""
        return {name: iso(value) for name, value in self.cleaned_data.items()}


class DatesMixin(forms.Form):
    date_start = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_end = forms.DateField(
        label="To (for a range)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_as_written = forms.CharField(label="Date as written", max_length=200, required=False)

    def check_dates(self, data, known=False):
        """A new record needs its date; citing a known one does not."""
        start, end = data.get("date_start"), data.get("date_end")
        if not start and not known and "date_start" not in self.errors:
            self.add_error("date_start", forms.Field.default_error_messages["required"])
        if start and end and end < start:
            self.add_error("date_end", "The range ends before it starts.")


class ContactForm(DatesMixin, ProposalForm):
    kind = forms.ChoiceField(choices=ContactKind.choices)
    location = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text="Left empty, the excerpt is the summary.",
    )
    existing_contact = forms.IntegerField(
        label="Already known: cite contact #", required=False, min_value=1
    )
    field_order = ["kind", "date_start", "date_end", "date_as_written", "location"]

    def __init__(self, *args, rows=MIN_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = max(MIN_ROWS, min(rows, MAX_ROWS))
        choices = [("", "Nobody (unknown)")]
        for i in range(self.rows):
            self.fields[f"p{i}_person"] = forms.CharField(
                label=f"Participant {i + 1}", required=False, widget=listed(PEOPLE_LIST)
            )
            self.fields[f"p{i}_description"] = forms.CharField(
                label=f"or unnamed {i + 1}", max_length=200, required=False
            )
            self.fields[f"p{i}_country"] = forms.CharField(
                label=f"Country {i + 1}", max_length=2, required=False, widget=listed(COUNTRY_LIST)
            )
            choices.append((str(i), f"Participant {i + 1}"))
        self.fields["initiator"] = forms.ChoiceField(
            label="Who reached out", choices=choices, required=False
        )

    def participant_rows(self):
        return [
            (self[f"p{i}_person"], self[f"p{i}_description"], self[f"p{i}_country"])
            for i in range(self.rows)
        ]

    def clean(self):
        data = super().clean()
        self.check_dates(data, known=bool(data.get("existing_contact")))
        filled = [i for i in range(self.rows) if self.row_filled(data, i)]
        for i in range(self.rows):
            if data.get(f"p{i}_description") and not data.get(f"p{i}_person"):
                if not data.get(f"p{i}_country"):
                    self.add_error(f"p{i}_country", "Give the unnamed counterpart's country.")
        if not data.get("existing_contact") and len(filled) < 2:
            raise forms.ValidationError("A contact needs at least two participants.")
        initiator = data.get("initiator")
        if initiator and int(initiator) not in filled:
            self.add_error("initiator", "The initiator must be one of the participants.")
        return data

    @staticmethod
    def row_filled(data, i):
        return bool(data.get(f"p{i}_person") or data.get(f"p{i}_description"))


class StatementForm(DatesMixin, ProposalForm):
    speaker = forms.CharField(required=False, widget=listed(PEOPLE_LIST))
    speaker_description = forms.CharField(
        label="or unnamed speaker", max_length=200, required=False
    )
    text = forms.CharField(
        label="What was said", strip=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    verbatim = forms.BooleanField(label="Verbatim quote", required=False)
    medium = forms.ChoiceField(choices=Medium.choices, initial=Medium.REMARKS)
    outlet = forms.CharField(
        label="Where it was said (outlet)",
        max_length=200,
        required=False,
        widget=listed(OUTLET_LIST),
    )
    existing_statement = forms.IntegerField(
        label="Already known: cite statement #", required=False, min_value=1
    )
    about_contact = forms.ChoiceField(
        label="About the contact",
        required=False,
        error_messages={
            "invalid_choice": "Contact %(value)s is no longer in this draft: choose another "
            "contact or none."
        },
    )
    about_contact_number = forms.IntegerField(
        label="…or the tracker's contact #", required=False, min_value=1
    )
    field_order = ["speaker", "speaker_description", "text", "verbatim", "medium", "outlet"]

    def __init__(self, *args, contacts=(), **kwargs):
        """`contacts`: (proposal id, label) of each contact proposal of the draft."""
        super().__init__(*args, **kwargs)
        self.fields["about_contact"].choices = [
            ("", "None"),
            *contacts,
            (EXISTING, "A contact already in the tracker (give its number)"),
        ]

    def clean(self):
        data = super().clean()
        self.check_dates(data, known=self.known(data))
        if not (data.get("speaker") or data.get("speaker_description") or self.known(data)):
            raise forms.ValidationError("Choose the speaker, or describe an unnamed speaker.")
        self.check_contact(data)
        return data

    def check_contact(self, data):
        """A number alone means a stored contact; a number with a proposal is one too many."""
        target, number = data.get("about_contact"), data.get("about_contact_number")
        if number and not target and "about_contact" not in self.errors:
            data["about_contact"] = target = EXISTING
        if target == EXISTING and not number and "about_contact_number" not in self.errors:
            self.add_error("about_contact_number", "Give the contact's number.")
        elif number and target != EXISTING and "about_contact" not in self.errors:
            self.add_error(
                "about_contact_number",
                f"Choose either contact {target} of this report or contact #{number}, not both.",
            )

    @staticmethod
    def known(data):
        return bool(data.get("existing_statement"))


NEW, OTHER = "new", "other"


class PersonForm(ProposalForm):
    choice = forms.ChoiceField(label="This name is", widget=forms.RadioSelect)
    other = forms.CharField(label="Another person", required=False, widget=listed(PEOPLE_LIST))
    new_name = forms.CharField(label="New person's canonical name", max_length=200, required=False)
    new_country = forms.CharField(
        label="Country", max_length=2, required=False, widget=listed(COUNTRY_LIST)
    )
    new_title = forms.CharField(label="Office, as reported", max_length=200, required=False)
    new_role = forms.ChoiceField(label="Role", choices=[("", "—"), *Role.choices], required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [
            *((c["slug"], c.get("label") or c["name"]) for c in candidates),
            (NEW, "A new person"),
            (OTHER, "Someone else in the tracker"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("choice") == OTHER and not data.get("other"):
            self.add_error("other", "Type the person's name and pick them from the list.")
        if data.get("choice") == NEW and not data.get("new_name"):
            self.add_error("new_name", "Give the new person's canonical name.")
        if data.get("new_title") and not data.get("new_country"):
            self.add_error("new_country", "An office belongs to a country: give its code.")
        return data
