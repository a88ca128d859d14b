"""One page per statement, traced to its sentence; statements linked to contacts."""

import datetime

from django.urls import reverse

from contacts.models import Citation, Statement
from tests.admin_forms import submitted
from tests.conftest import body, redirect_target
from tests.factories import OfficeFactory, OrganisationFactory, StatementFactory


def raab_said(cited_contact, callee, **fields):
    statement = StatementFactory(
        speaker=callee, text="We urge all parties to de-escalate.", **fields
    )
    source = cited_contact.citations.get().source
    source.text += " We urge all parties to de-escalate."
    source.save(update_fields=["text"])
    citation = Citation.objects.create(
        source=source, excerpt="We urge all parties to de-escalate.", statement=statement
    )
    return statement, citation


def test_a_statement_has_its_own_page_at_its_key(analyst_client, pair):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee)
    assert statement.get_absolute_url() == f"/statements/{statement.key}/"
    page = analyst_client.get(statement.get_absolute_url()).text
    assert "“We urge all parties to de-escalate.”" in page
    assert f'href="{callee.get_absolute_url()}" dir="auto">Dominic Raab</a>' in page


def test_the_statement_page_names_the_speakers_office_on_the_day(analyst_client, pair):
    caller, callee, contact = pair
    OfficeFactory(
        person=callee,
        title="Foreign Secretary",
        start_date=datetime.date(2019, 7, 24),
        organisation=OrganisationFactory(name="Foreign Office"),
    )
    statement, _ = raab_said(contact, callee)
    page = analyst_client.get(statement.get_absolute_url()).text
    assert "<bdi>Foreign Secretary, Foreign Office</bdi>" in page


def test_the_statement_page_links_each_citation_to_its_excerpt_on_the_source_page(
    analyst_client, pair
):
    caller, callee, contact = pair
    statement, citation = raab_said(contact, callee)
    page = analyst_client.get(statement.get_absolute_url()).text
    assert f'href="{citation.source.get_absolute_url()}#citation-{citation.pk}"' in page
    assert "“We urge all parties to de-escalate.”</blockquote>" in page


def test_the_statement_page_links_the_contact_it_is_about(analyst_client, pair):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee, contact=contact)
    page = analyst_client.get(statement.get_absolute_url()).text
    assert f'<a href="{contact.get_absolute_url()}" dir="auto">' in page


def test_the_statement_page_lists_the_speakers_statements_of_the_days_around_it(
    analyst_client, pair
):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee)
    near = StatementFactory(
        speaker=callee, text="Near in time", date_start=datetime.date(2020, 1, 5)
    )
    far = StatementFactory(speaker=callee, text="Weeks later", date_start=datetime.date(2020, 2, 5))
    page = analyst_client.get(statement.get_absolute_url()).text
    assert f'href="{near.get_absolute_url()}"' in page
    assert f'href="{far.get_absolute_url()}"' not in page


def test_the_statement_page_costs_a_fixed_number_of_queries(
    analyst_client, pair, django_assert_max_num_queries
):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee, contact=contact)
    for day in range(1, 6):
        StatementFactory(speaker=callee, date_start=datetime.date(2020, 1, day))
    analyst_client.get(statement.get_absolute_url())  # the session is renewed once
    with django_assert_max_num_queries(8):
        analyst_client.get(statement.get_absolute_url())


def test_an_unknown_statement_is_a_404_with_a_message(analyst_client, db):
    response = analyst_client.get(reverse("statement-detail", args=["no-such-statement"]))
    assert response.status_code == 404
    assert "No statement with that key is in the tracker." in response.text


def test_an_anonymous_visitor_is_sent_to_log_in_from_a_statement_page(client, pair):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee)
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 302
    assert redirect_target(response) == (reverse("login"), statement.get_absolute_url())
    assert "de-escalate" not in response.content.decode()


def test_statements_linked_to_a_contact_come_first_on_its_page(analyst_client, pair):
    caller, callee, contact = pair
    later = StatementFactory(
        speaker=caller, text="Said the next day", date_start=contact.date_start
    )
    linked, _ = raab_said(contact, callee, contact=contact)
    later.date_start = contact.date_start + datetime.timedelta(days=1)
    later.save()
    statements = analyst_client.get(contact.get_absolute_url()).context["statements"]
    assert [s.pk for s in statements] == [linked.pk, later.pk]


def test_the_statements_export_links_each_statement_to_its_page(analyst_client, pair):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee)
    response = analyst_client.get(reverse("statement-list"), {"_export": "csv"})
    exported = body(response).decode("utf-8-sig")
    assert f"/statements/{statement.key}/" in exported
    assert "?key=" not in exported


def test_an_editor_links_a_participants_statement_to_the_contact_from_its_admin_page(
    editor_client, pair
):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee)
    unrelated = StatementFactory(text="Another speaker entirely")
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    page = editor_client.get(url)
    choices = [pk for pk, _ in page.context["adminform"].form.fields["linked_statements"].choices]
    assert statement.pk in [int(str(pk)) for pk in choices]
    assert unrelated.pk not in [int(str(pk)) for pk in choices]
    response = editor_client.post(url, submitted(page, linked_statements=[str(statement.pk)]))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.contact == contact
    assert statement.history.first().history_change_reason.startswith("Linked to contact")


def test_unticking_a_statement_in_the_contact_admin_unlinks_it(editor_client, pair):
    caller, callee, contact = pair
    statement, _ = raab_said(contact, callee, contact=contact)
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    page = editor_client.get(url)
    assert page.context["adminform"].form["linked_statements"].value() == [statement.pk]
    editor_client.post(url, submitted(page, linked_statements=None))
    statement.refresh_from_db()
    assert statement.contact is None
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_the_other_sides_statements_come_before_the_initiators_on_a_contact_page(
    analyst_client, pair
):
    caller, callee, contact = pair  # the caller initiated
    initiator_said = StatementFactory(speaker=caller, text="Caller", date_start=contact.date_start)
    other_said = StatementFactory(
        speaker=callee, text="Callee", date_start=contact.date_start - datetime.timedelta(days=0)
    )
    initiator_said.date_start = contact.date_start + datetime.timedelta(days=1)
    initiator_said.save()
    statements = analyst_client.get(contact.get_absolute_url()).context["statements"]
    assert [s.pk for s in statements] == [other_said.pk, initiator_said.pk]


def test_the_statements_list_links_each_source_to_the_highlighted_excerpt(analyst_client, pair):
    caller, callee, contact = pair
    statement, citation = raab_said(contact, callee)
    page = analyst_client.get(reverse("statement-list")).text
    anchor = f"{citation.source.get_absolute_url()}#citation-{citation.pk}"
    assert f'<a href="{anchor}" dir="auto">{citation.source.title}</a>' in page
