import datetime
import re

import pytest
from django.urls import reverse

from contacts.models import Citation
from tests.conftest import body
from tests.factories import (
    AliasFactory,
    CountryFactory,
    OfficeFactory,
    ParticipantFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_home_shows_counts_and_recent_contacts(analyst_client, pair):
    caller, callee, contact = pair
    response = analyst_client.get(reverse("home"))
    assert response.context["counts"]["contacts"] == "1"
    assert contact.get_absolute_url() in response.text


@pytest.mark.parametrize("sort", ["-1.665860101879575e+36", "../x"])
def test_home_passes_no_sort_to_its_table_and_lists_the_newest_first(analyst_client, sort, recwarn):
    older = make_contact(summary="B older", date_start=D(2020, 1, 2))
    newer = make_contact(summary="A newer", date_start=D(2020, 1, 5))
    text = analyst_client.get(reverse("home"), {"sort": sort}).text
    assert text.index(newer.get_absolute_url()) < text.index(older.get_absolute_url())
    assert [str(w.message) for w in recwarn if "accessor" in str(w.message)] == []


def test_contact_page_shows_each_participants_office_on_that_date(analyst_client, pair):
    caller, callee, contact = pair
    OfficeFactory(person=caller, title="Director of the CIA", end_date=D(2018, 4, 25))
    OfficeFactory(person=caller, title="Secretary of State", start_date=D(2018, 4, 26))
    response = analyst_client.get(contact.get_absolute_url())
    offices = dict((p.person, office) for p, office in response.context["participants"])
    assert offices[caller].title == "Secretary of State"


def test_contact_page_lists_every_citation_with_its_excerpt_and_note(analyst_client, pair):
    caller, callee, contact = pair
    second = SourceFactory(text="Raab took the call.")
    Citation.objects.create(
        contact=contact, source=second, excerpt="Raab took the call.", note="Second report."
    )
    response = analyst_client.get(contact.get_absolute_url())
    assert "The two ministers spoke by phone on Friday." in response.text
    assert "Raab took the call." in response.text and "Second report." in response.text
    assert f"{second.get_absolute_url()}#citation-" in response.text


def test_contact_page_shows_unnamed_counterparts(analyst_client, pair):
    caller, callee, contact = pair
    ParticipantFactory(
        contact=contact,
        person=None,
        description="his French counterpart",
        country=CountryFactory(code="FR", name="France"),
    )
    assert "his French counterpart" in analyst_client.get(contact.get_absolute_url()).text


def test_contact_page_shows_statements_by_participants_in_the_days_after(analyst_client, pair):
    caller, callee, contact = pair
    StatementFactory(
        speaker=callee,
        text="Further conflict is in none of our interests",
        date_start=D(2020, 1, 4),
    )
    StatementFactory(speaker=callee, text="Said a week later", date_start=D(2020, 1, 10))
    response = analyst_client.get(contact.get_absolute_url())
    assert "Further conflict is in none of our interests" in response.text
    assert "Said a week later" not in response.text
    assert "Said a week later" in analyst_client.get(contact.get_absolute_url(), {"days": 7}).text


def test_unknown_contact_id_is_a_404(analyst_client):
    response = analyst_client.get("/contacts/999999/")
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert "No contact found matching the query" in response.text


def test_person_page_by_slug_and_by_id(analyst_client, pair):
    caller, callee, contact = pair
    assert analyst_client.get(f"/people/{caller.slug}/").context["object"] == caller
    assert analyst_client.get(f"/people/{caller.pk}/").context["object"] == caller


def test_unknown_person_is_a_404_with_a_message(analyst_client):
    response = analyst_client.get("/people/nobody-at-all/")
    assert response.status_code == 404
    assert "Nobody with that name or number is in the tracker." in response.text


def test_person_page_shows_aliases_offices_and_timeline(analyst_client, pair):
    caller, callee, contact = pair
    AliasFactory(person=caller, name="Michael R. Pompeo")
    OfficeFactory(person=caller, title="Secretary of State")
    StatementFactory(speaker=caller, text="We knew it was imminent", date_start=D(2020, 1, 3))
    response = analyst_client.get(caller.get_absolute_url())
    assert "Michael R. Pompeo" in response.text and "Secretary of State" in response.text
    kinds = [kind for kind, _, _ in response.context["timeline"]]
    assert sorted(kinds) == ["contact", "statement"]


@pytest.mark.parametrize("cap, shown", [(100, ("4 contacts", "3 statements")), (2, ("2+", "2+"))])
def test_person_page_counts_contacts_and_statements_up_to_the_cap_without_a_query_of_their_own(
    analyst_client, settings, django_assert_max_num_queries, cap, shown
):
    settings.TABLE_COUNT_CAP = cap
    person, other = PersonFactory(), PersonFactory()
    for day in range(1, 5):
        make_contact(person, other, date_start=D(2020, 1, day))
    StatementFactory.create_batch(3, speaker=person)
    StatementFactory(speaker=other)
    analyst_client.get(person.get_absolute_url())  # session and permissions are read once
    # person with aliases and statements counted, offices, chart (which counts the contacts),
    # counterparts, contacts, statements: 6; and session, user and 2 of permissions
    with django_assert_max_num_queries(10):
        response = analyst_client.get(person.get_absolute_url())
    counts = (response.context["contact_count"], response.context["statement_count"])
    assert counts == (shown[0].split()[0], shown[1].split()[0])
    assert f">{shown[0].split()[0]} contacts</a>" in response.text


def test_person_page_ranks_counterparts_split_by_initiator(analyst_client, pair):
    caller, callee, contact = pair
    make_contact(caller, callee, initiator=callee)
    make_contact(caller, callee)
    make_contact(caller, PersonFactory(name="Heiko Maas"), initiator=caller)
    ranking = analyst_client.get(caller.get_absolute_url()).context["counterparts"]
    top = ranking[0]
    assert (top.label, top.total) == ("Dominic Raab", 3)
    assert (top.initiated_by_them, top.initiated_by_counterpart, top.initiator_unknown) == (1, 1, 1)
    assert ranking[1].label == "Heiko Maas"


def test_source_page_highlights_each_excerpt_and_links_to_its_record(analyst_client, pair):
    caller, callee, contact = pair
    citation = contact.citations.get()
    response = analyst_client.get(citation.source.get_absolute_url())
    assert (
        f'<mark id="citation-{citation.pk}">The two ministers spoke by phone on Friday.</mark>'
        in response.text
    )
    assert f'href="{contact.get_absolute_url()}"' in response.text


def test_source_page_highlights_excerpts_across_typographic_quotes(analyst_client, pair):
    caller, callee, contact = pair
    source = SourceFactory(text="He said:\n“We talked,” and left.")
    citation = Citation.objects.create(source=source, excerpt='said: "We talked,"', contact=contact)
    response = analyst_client.get(source.get_absolute_url())
    assert f'<mark id="citation-{citation.pk}">said:\n“We talked,”</mark>' in response.text


def test_overlapping_excerpts_are_both_highlighted(analyst_client, pair):
    caller, callee, contact = pair
    source = SourceFactory(text="One two three four five.")
    first = Citation.objects.create(source=source, excerpt="One two three", contact=contact)
    second = Citation.objects.create(
        source=source, excerpt="three four", statement=StatementFactory()
    )
    text = analyst_client.get(source.get_absolute_url()).text
    assert f'id="citation-{first.pk}"' in text and f'id="citation-{second.pk}"' in text


def test_network_matrix_counts_initiators_by_recipients(analyst_client, pair):
    caller, callee, contact = pair
    make_contact(caller, callee, initiator=caller)
    response = analyst_client.get(reverse("network"))
    row, cells = response.context["matrix"][0]
    assert row[1] == "Mike Pompeo"
    assert [(column[1], count) for column, count, _ in cells] == [("Dominic Raab", 2)]


def test_network_cell_links_to_the_filtered_contacts(analyst_client, pair):
    caller, callee, contact = pair
    response = analyst_client.get(reverse("network"), {"kind": "phone_call"})
    url = response.context["matrix"][0][1][0][2]
    assert "kind=phone_call" in url and f"initiator={caller.slug}" in url
    listed = analyst_client.get(url).context["table"].page.object_list
    assert [row.record for row in listed] == [contact]


def test_network_follows_the_filters(analyst_client, pair):
    response = analyst_client.get(reverse("network"), {"kind": "visit"})
    assert response.context["matrix"] == [] and response.context["elements"] == []


def test_network_groups_by_country(analyst_client, pair):
    caller, callee, contact = pair
    response = analyst_client.get(reverse("network"), {"group": "country"})
    ids = {element["data"]["id"] for element in response.context["elements"]}
    assert f"country:{caller.country.code}" in ids


def test_network_graph_script_is_served_by_the_app(analyst_client, pair):
    response = analyst_client.get(reverse("network"))
    assert "/static/vendor/cytoscape/cytoscape.min.js" in response.text
    # Every script and stylesheet from the app itself, none from another host (a CDN). The
    # page's text is not searched for "cdn": its random CSRF token held those letters once.
    assets = re.findall(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="([^"]+)"', response.text)
    assert assets and all(url.startswith("/static/") for url in assets), assets


def test_people_directory_lists_counts_and_aliases(analyst_client, pair):
    caller, callee, contact = pair
    AliasFactory(person=caller, name="Michael R. Pompeo")
    response = analyst_client.get(reverse("person-list"), {"name": "michael"})
    rows = response.context["table"].page.object_list
    assert [row.record for row in rows] == [caller]
    assert rows[0].get_cell_value("contact_count") == 1
    aliases = 'data-label="Also known as"><span dir="auto">Michael R. Pompeo</span></td>'
    assert aliases in response.text


def test_statements_show_verbatim_in_quotes_and_mark_paraphrases(analyst_client, db):
    StatementFactory(text="We knew it was imminent", is_verbatim=True)
    StatementFactory(text="He called for restraint", is_verbatim=False)
    text = analyst_client.get(reverse("statement-list")).text
    assert "“We knew it was imminent”" in text
    assert 'He called for restraint <span class="tag">paraphrase</span>' in text


def test_statements_filter_by_verbatim_or_paraphrase(analyst_client, db):
    StatementFactory(text="quoted", is_verbatim=True)
    paraphrase = StatementFactory(text="reported", is_verbatim=False)
    response = analyst_client.get(reverse("statement-list"), {"is_verbatim": "false"})
    assert [row.record for row in response.context["table"].page.object_list] == [paraphrase]


def test_statements_filter_by_speaker_alias_and_text(analyst_client, db):
    speaker = PersonFactory(name="Mike Pompeo")
    AliasFactory(person=speaker, name="Michael Pompeo")
    wanted = StatementFactory(speaker=speaker, text="We took a bad guy off the battlefield")
    StatementFactory(speaker=speaker, text="Something else")
    response = analyst_client.get(
        reverse("statement-list"), {"speaker": "michael pompeo", "q": "BAD GUY"}
    )
    assert [row.record for row in response.context["table"].page.object_list] == [wanted]


def test_statement_speaker_shows_office_held_at_the_time(analyst_client, db):
    speaker = PersonFactory(name="Dominic Raab")
    OfficeFactory(person=speaker, title="Foreign Secretary", start_date=D(2019, 7, 24))
    StatementFactory(speaker=speaker, date_start=D(2020, 1, 3))
    assert "Foreign Secretary" in analyst_client.get(reverse("statement-list")).text


def test_the_favicon_address_browsers_ask_for_leads_to_the_apps_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
    page_icon = client.get(response["Location"])
    assert page_icon.status_code == 200
    assert b"<svg" in body(page_icon)
