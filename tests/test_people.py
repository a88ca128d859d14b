import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from contacts.models import AmbiguousName, Person, PersonAlias
from contacts.text import name_key
from tests.factories import AliasFactory, OfficeFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_name_resolves_through_alias_ignoring_case_and_dots():
    pompeo = PersonFactory(name="Mike Pompeo")
    AliasFactory(person=pompeo, name="Michael R. Pompeo")
    assert Person.objects.resolve("MICHAEL R POMPEO") == pompeo


def test_canonical_name_resolves_without_an_alias():
    raab = PersonFactory(name="Dominic Raab")
    assert Person.objects.resolve("dominic raab") == raab


def test_name_resolves_ignoring_accents():
    champagne = PersonFactory(name="François-Philippe Champagne")
    assert Person.objects.resolve("Francois-Philippe Champagne") == champagne


def test_hyphen_and_space_spellings_share_a_key():
    assert name_key("François-Philippe") == name_key("francois philippe")


def test_name_resolves_in_arabic_script_across_persian_letter_variants():
    soleimani = PersonFactory(name="Qassem Soleimani")
    AliasFactory(person=soleimani, name="قاسم سلیمانی", kind="native_script")
    # Arabic yeh (ي) where the alias has Persian yeh (ی).
    assert Person.objects.resolve("قاسم سليماني") == soleimani


def test_spelling_variant_resolves_to_the_same_person():
    soleimani = PersonFactory(name="Qassem Soleimani")
    AliasFactory(person=soleimani, name="Qasem Soleimani")
    assert Person.objects.resolve("qasem soleimani") == soleimani


def test_unknown_name_raises_does_not_exist():
    with pytest.raises(Person.DoesNotExist, match="Nobody is known"):
        Person.objects.resolve("Nobody Atall")


def test_alias_shared_by_two_people_is_reported_as_ambiguous():
    first, second = PersonFactory(), PersonFactory()
    AliasFactory(person=first, name="The Minister", shared=True)
    AliasFactory(person=second, name="The Minister", shared=True)
    with pytest.raises(AmbiguousName) as error:
        Person.objects.resolve("the minister")
    assert set(error.value.people) == {first, second}


def test_database_refuses_an_unshared_alias_held_by_two_people():
    AliasFactory(name="Mike Pompeo")
    with pytest.raises(IntegrityError):
        AliasFactory(name="mike pompeo")


def test_validation_refuses_alias_equal_to_another_persons_name_unless_shared():
    PersonFactory(name="Mike Pompeo")
    alias = PersonAlias(person=PersonFactory(), name="Mike Pompeo")
    with pytest.raises(ValidationError, match="shared with other people"):
        alias.full_clean()


def test_validation_accepts_an_explicitly_shared_alias():
    PersonFactory(name="Mike Pompeo")
    alias = PersonAlias(person=PersonFactory(), name="Mike Pompeo", shared=True)
    assert alias.full_clean() is None  # raises ValidationError when refused
    alias.save()
    assert PersonAlias.objects.get(pk=alias.pk).name == "Mike Pompeo"


def test_same_alias_twice_for_one_person_is_refused():
    alias = AliasFactory(name="Mike")
    with pytest.raises(IntegrityError):
        AliasFactory(person=alias.person, name="MIKE", shared=True)


def test_person_gets_a_slug_and_a_page_url():
    person = PersonFactory(name="Heiko Maas", slug="")
    assert person.slug == "heiko-maas"
    assert person.get_absolute_url() == "/people/heiko-maas/"


def test_arabic_name_gets_a_unicode_slug():
    person = PersonFactory(name="علی خامنه‌ای", slug="")
    assert person.slug and Person.objects.get_by_natural_key(person.slug) == person


def test_the_people_list_reads_aliases_with_the_people_and_offices_in_one_query(
    analyst_client, django_assert_num_queries
):
    for number in range(3):
        person = PersonFactory(name=f"Minister {number}")
        OfficeFactory(person=person, organisation=OrganisationFactory(name=f"Ministry {number}"))
    analyst_client.get(reverse("person-list"))
    # session, user, 2 permissions; count; country choices; people with aliases; offices
    with django_assert_num_queries(8):
        response = analyst_client.get(reverse("person-list"))
    assert "Foreign Minister, Ministry 2" in response.text
