"""Contacts and statements are known by a short random key, made on their first save; no
migration imports anything from the app to make it."""

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory

from contacts.models import Contact, Statement

from .factories import ContactFactory, StatementFactory

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = [ROOT / "contacts" / "migrations", ROOT / "intake" / "migrations"]
KEY = re.compile(r"[0-9a-f]{12}")


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [ContactFactory, StatementFactory])
def test_a_record_saved_without_a_key_gets_one(factory):
    record = factory(key="")
    record.refresh_from_db()
    assert KEY.fullmatch(record.key)


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [ContactFactory, StatementFactory])
def test_two_records_saved_without_keys_get_different_ones(factory):
    assert factory(key="").key != factory(key="").key


@pytest.mark.django_db
def test_a_given_key_is_kept_and_survives_an_edit():
    contact = ContactFactory(key="reuters-2020-01-03-call")
    contact.summary = "Edited."
    contact.save()
    contact.refresh_from_db()
    assert contact.key == "reuters-2020-01-03-call"


@pytest.mark.parametrize("model", [Contact, Statement])
def test_an_editor_may_leave_the_key_blank(model):
    field = modelform_factory(model, fields=["key"])().fields["key"]
    assert field.required is False
    assert "first saved" in field.help_text


def test_no_migration_imports_the_apps_own_code():
    imported = []
    for folder in MIGRATIONS:
        for path in folder.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    imported += [(path.name, alias.name) for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    imported.append((path.name, node.module))
                elif isinstance(node, ast.ImportFrom) and node.level > 1:  # out of migrations
                    imported.append((path.name, "contacts"))
    assert imported  # the scan read the migrations
    assert [
        (name, module)
        for name, module in imported
        if module.split(".")[0] in ("contacts", "intake", "tracker")
    ] == []


@pytest.mark.django_db
def test_records_created_in_bulk_without_keys_get_one_each():
    contacts = Contact.objects.bulk_create(
        Contact(kind="phone_call", date_start=day, date_end=day, summary="Bulk.")
        for day in ["2020-01-03", "2020-01-04"]
    )
    keys = set(Contact.objects.values_list("key", flat=True))
    assert keys == {contact.key for contact in contacts}
    assert len(keys) == 2 and all(KEY.fullmatch(key) for key in keys)


@pytest.mark.django_db
def test_clearing_a_saved_records_key_is_refused_not_replaced():
    contact = ContactFactory(key="reuters-2020-01-03-call")
    contact.key = ""
    with pytest.raises(ValidationError) as refused:
        contact.full_clean()
    assert refused.value.message_dict["key"] == [
        "A saved record keeps its key (its address and natural key)."
    ]
    assert contact.key == ""  # not silently replaced by a new one
