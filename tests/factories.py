import datetime

import factory

from contacts import models

GENERATED_CODES = [f"X{chr(c)}" for c in range(65, 91)] + [f"Q{chr(c)}" for c in range(77, 91)]


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Country
        django_get_or_create = ["code"]

    # User-assigned codes (X?, Q? from QM), so no generated country takes a real one.
    code = factory.Sequence(lambda n: GENERATED_CODES[n % len(GENERATED_CODES)])
    name = factory.Sequence(lambda n: f"Country {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Ministry {n}")
    kind = models.OrganisationKind.GOVERNMENT
    country = factory.SubFactory(CountryFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Sequence(lambda n: f"Official Number{n}")
    slug = factory.Sequence(lambda n: f"official-{n}")
    country = factory.SubFactory(CountryFactory)


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OfficeHolding

    person = factory.SubFactory(PersonFactory)
    title = "Foreign Minister"
    role = models.Role.FOREIGN_MINISTER
    country = factory.SelfAttribute("person.country")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Officials speak by phone, report {n}")
    text = "The two ministers spoke by phone on Friday. “We talked,” one said."
    published_date = datetime.date(2020, 1, 4)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contact

    kind = models.ContactKind.PHONE_CALL
    date_start = datetime.date(2020, 1, 3)
    summary = "The two ministers spoke by phone."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participant

    contact = factory.SubFactory(ContactFactory)
    person = factory.SubFactory(PersonFactory)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Statement

    speaker = factory.SubFactory(PersonFactory)
    text = "We talked"
    date_start = datetime.date(2020, 1, 3)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Citation

    source = factory.SubFactory(SourceFactory)
    excerpt = "The two ministers spoke by phone on Friday."


def make_contact(*people, initiator=None, source=None, **fields):
    """A contact between `people`, cited once, with `initiator` (a person) marked."""
    fields.setdefault("initiator_certainty", "stated" if initiator else "unknown")
    contact = ContactFactory(**fields)
    for person in people:
        ParticipantFactory(contact=contact, person=person, is_initiator=person == initiator)
    CitationFactory(contact=contact, source=source or SourceFactory())
    return contact
