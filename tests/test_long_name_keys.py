"""A name whose comparison key is longer than the name itself (NFKD: one ligature "ﷺ" is 18
letters) is stored, not refused by the database."""

import pytest

from contacts.models import Organisation, Person, PersonAlias
from contacts.text import name_key

LONG = "\ufdfa" * 20  # 20 characters; its key is 360
pytestmark = pytest.mark.django_db


def test_the_key_of_such_a_name_is_longer_than_the_name():
    assert len(name_key(LONG)) > 200 >= len(LONG)


def test_a_person_with_such_a_name_is_saved_with_its_whole_key():
    person = Person(name=LONG, slug="long-ligature-name")
    person.full_clean()
    person.save()
    person.refresh_from_db()
    assert person.name_key == name_key(LONG)


def test_an_alias_with_such_a_name_is_saved_with_its_whole_key():
    person = Person.objects.create(name="Someone", slug="someone")
    alias = PersonAlias(person=person, name=LONG)
    alias.full_clean()
    alias.save()
    alias.refresh_from_db()
    assert alias.name_key == name_key(LONG)


def test_an_organisation_with_such_a_name_gets_its_whole_key():
    organisation = Organisation.objects.create(name=LONG, kind="other")
    assert name_key(LONG) in set(organisation.names_searched.values_list("name_key", flat=True))
