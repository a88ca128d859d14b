"""The benchmark cases: one URL each, resolved against the generated data."""

import datetime
from urllib.parse import quote

import numpy
from django.db.models import Count, Max

from contacts.models import Contact, Country, Participant, Person, Statement
from contacts.synthetic import Generator

SEED = 1  # as bench/run.py generates
RARE_STATEMENTS = 30


def busiest_person():
    row = (
        Participant.objects.filter(person__isnull=False)
        .values("person")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Person.objects.get(pk=row["person"]), row["n"]


def words(statements):
    """A common word (in most statements) and a rare one (in about 30, at any size).

    The vocabulary comes from the generator with the seed bench/run.py generates with; each
    statement draws two words from it, Zipf-distributed, so the rare word is the first whose
    expected number of statements is at most RARE_STATEMENTS.
    """
    generator = Generator(1000, seed=SEED)
    chances = numpy.diff(generator.rare_cdf, prepend=0.0) * 2 * statements
    rank = int(numpy.argmax(chances <= RARE_STATEMENTS))
    return "minister", generator.vocabulary[rank]


def page_cases():
    person, contacts_of_person = busiest_person()
    country = (
        Participant.objects.values("country").annotate(n=Count("pk")).order_by("-n").first()
    )["country"]
    contact = Contact.objects.filter(participants__person=person).order_by("-date_start").first()
    latest = Contact.objects.aggregate(Max("date_start"))["date_start__max"]
    month_start = latest.replace(day=1)
    quarter = (latest - datetime.timedelta(days=90)).isoformat()
    common, rare = words(Statement.objects.count())
    # Page 200 (rows 9,951-10,000, the deepest inside the count cap), or the last page.
    deep = min(200, max(1, Contact.objects.count() // 50))
    cases = {
        "contacts: default": "/contacts/",
        "contacts: page 1 (50 rows)": "/contacts/?page=1",
        "contacts: deep page": f"/contacts/?page={deep}",
        "contacts: by participant": f"/contacts/?participant={person.slug}",
        "contacts: by participant typed by name": f"/contacts/?participant={quote(person.name)}",
        "statements: by speaker typed by name": f"/statements/?speaker={quote(person.name)}",
        "contacts: kind + date range": f"/contacts/?kind=meeting&date_from={quarter}"
        f"&date_to={latest.isoformat()}",
        "contacts: by country": f"/contacts/?country={country}",
        **search_cases(person, common, rare),
        "person page (busiest)": person.get_absolute_url(),
        "people: sorted by contacts": "/people/?sort=-contact_count",
        "sources: sorted by contacts": "/sources/?sort=-contact_count",
        "contact page": contact.get_absolute_url(),
        "network: one month": f"/network/?date_from={month_start.isoformat()}"
        f"&date_to={latest.isoformat()}",
        "admin: contacts": "/admin/contacts/contact/",
        "admin: contacts search": f"/admin/contacts/contact/?q={common}",
        "admin: contacts filter": "/admin/contacts/contact/?kind__exact=meeting",
        "admin: statements": "/admin/contacts/statement/",
        "admin: statements search": f"/admin/contacts/statement/?q={rare}",
        "admin: statements filter": "/admin/contacts/statement/?medium__exact=tweet",
    }
    for column in ("date", "-date", "kind", "initiator", "location", "source_count"):
        cases[f"contacts: sorted by {column}"] = f"/contacts/?sort={column}"
    facts = {
        "busiest person": f"{person.name} ({contacts_of_person:,} contacts)",
        "common word": common,
        "rare word": rare,
        "rare word statements": Statement.objects.filter(text__contains=f" {rare} ").count(),
        "alias searched": person.aliases.order_by("pk").first().name,
        "country filter": Country.objects.get(pk=country).name if country else None,
    }
    return cases, facts, {"person": person.slug, "common": common, "rare": rare}


def search_cases(person, common, rare):
    """Issue 13's searches: a common and a rare word, an alias-expanded name and a prefix,
    over statements, contacts (summaries and excerpts) and sources (the article text)."""
    alias = person.aliases.order_by("pk").first()
    return {
        "statements: search common word (FTS)": f"/statements/?q={common}",
        "statements: search rare word (FTS)": f"/statements/?q={rare}",
        "statements: search prefix secur* (FTS)": "/statements/?q=secur%2A",
        "statements: search common word + medium (FTS)": f"/statements/?q={common}&medium=tweet",
        "statements: search alias-expanded name (FTS)": f"/statements/?q={quote(alias.name)}",
        "contacts: search common word (FTS)": f"/contacts/?q={common}",
        "contacts: search alias-expanded name (FTS)": f"/contacts/?q={quote(alias.name)}",
        "sources: search common word (FTS)": f"/sources/?q={common}",
        "sources: search rare word (FTS)": f"/sources/?q={rare}",
    }


# Pages with facets, timed a second time with their facets switched off.
FACET_PAGES = (
    "contacts: default",
    "contacts: search common word (FTS)",
    "statements: search common word (FTS)",
    "statements: search common word + medium (FTS)",
    "sources: search common word (FTS)",
)


def export_cases(person_slug):
    return {
        "CSV export: all rows": "/contacts/?_export=csv",
        "CSV export: one person's contacts (filter)": "/contacts/?_export=csv&participant="
        + person_slug,
    }
