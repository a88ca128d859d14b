"""An organisation is found by a search through the keys of its names (`OrganisationName`),
kept in step with every save, read through an index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Organisation, OrganisationName
from contacts.search import expansions

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def keys_of(organisation):
    """The keys stored for `organisation` (an instance or its id)."""
    return set(
        OrganisationName.objects.filter(organisation=organisation).values_list(
            "name_key", flat=True
        )
    )


def test_an_organisations_name_abbreviation_and_other_names_are_its_keys():
    irgc = OrganisationFactory(
        name="Islamic Revolutionary Guard Corps", abbreviation="IRGC", other_names="Sepah; Pasdaran"
    )
    assert keys_of(irgc) == {
        "islamic revolutionary guard corps",
        "islamic revolutionary guard",  # without its generic last word
        "irgc",
        "sepah",
        "pasdaran",
    }


def test_an_edit_of_its_other_names_replaces_its_keys():
    quds = OrganisationFactory(name="Quds Force", other_names="Qods Force")
    quds.other_names = "Al-Quds Force"
    quds.save()
    assert keys_of(quds) == {"quds force", "quds", "al quds force", "al quds"}


def test_a_deleted_organisation_leaves_no_keys():
    OrganisationFactory(name="Quds Force").delete()
    assert not OrganisationName.objects.exists()


def test_an_organisation_is_expanded_under_another_of_its_names():
    OrganisationFactory(name="Quds Force", abbreviation="", other_names="Qods Force; Sepah-e Qods")
    assert "Quds Force" in expansions("Qods")
    assert "Quds Force" in expansions("sepah e qods")


def test_an_organisation_renamed_is_found_under_its_new_name_only():
    quds = OrganisationFactory(name="Quds Force", other_names="")
    quds.name = "Qods Force"
    quds.save()
    assert expansions("Quds") == []  # nothing names it "Quds" now
    assert expansions("Qods") == ["Qods Force"]


def test_the_seed_fixtures_organisations_have_their_keys(seeded):
    assert OrganisationName.objects.filter(name_key="quds").exists()
    assert not Organisation.objects.exclude(names_searched__isnull=False).exists()


def test_the_organisations_are_looked_up_by_key_not_read_one_by_one():
    OrganisationFactory.create_batch(30)
    with CaptureQueriesContext(connection) as queries:
        expansions("Islamic Revolutionary Guard Corps statement")
    lookup = [q["sql"] for q in queries if "contacts_organisation" in q["sql"]]
    assert len(lookup) == 1  # with the people's names (`names.Lookup.candidates`)
    (organisations,) = [p for p in lookup[0].split("UNION ALL") if "contacts_organisation" in p]
    assert "contacts_organisationname" in organisations and "LIKE" not in organisations.upper()


def test_keys_left_behind_by_an_update_are_reported_by_the_integrity_check():
    from contacts.integrity import integrity_problems

    brigade = OrganisationFactory(name="Zeta Brigade")
    assert not [p for p in integrity_problems() if "Zeta" in p]
    Organisation.objects.filter(pk=brigade.pk).update(name="Zeta Brigades")  # bypasses save()
    assert [p for p in integrity_problems() if "'Zeta Brigades' is searched under keys" in p]
