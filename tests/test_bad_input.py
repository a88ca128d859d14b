import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import body, redirect_target
from tests.factories import PersonFactory, StatementFactory, make_contact

pytestmark = pytest.mark.django_db

LISTS = ["contact-list", "statement-list", "person-list", "network"]


@pytest.mark.parametrize("name", LISTS)
def test_invalid_date_shows_a_message_and_keeps_other_filters(analyst_client, pair, name):
    response = analyst_client.get(reverse(name), {"date_from": "2020-13-45", "kind": "phone_call"})
    assert response.status_code == 200
    form = response.context["filter"].form
    if "date_from" in form.fields:
        assert "date_from" in form.errors
        assert "could not be used" in response.text
    assert 'value="phone_call" selected' in response.text or "kind" not in form.fields


def test_invalid_date_still_applies_the_valid_filters(analyst_client, pair):
    make_contact(PersonFactory(), PersonFactory(), kind="meeting")
    response = analyst_client.get(
        reverse("contact-list"), {"date_from": "garbage", "kind": "meeting"}
    )
    assert [row.record.kind for row in response.context["table"].page.object_list] == ["meeting"]


def test_unknown_country_id_is_reported_not_crashed(analyst_client, pair):
    response = analyst_client.get(reverse("contact-list"), {"country": "999999"})
    assert response.status_code == 200
    assert "country" in response.context["filter"].form.errors
    assert "Some filter values could not be used and were ignored" in response.text
    assert "Select a valid choice." in response.text
    assert [row.record for row in response.context["table"].page.object_list] == [pair[2]]


def test_non_numeric_country_is_reported(analyst_client, pair):
    response = analyst_client.get(reverse("contact-list"), {"country": "abc'; DROP TABLE"})
    assert response.status_code == 200
    assert "country" in response.context["filter"].form.errors
    assert "Some filter values could not be used and were ignored" in response.text
    assert "Select a valid choice." in response.text
    assert [row.record for row in response.context["table"].page.object_list] == [pair[2]]


@pytest.mark.parametrize("name", ["contact-list", "statement-list", "person-list"])
def test_unknown_sort_column_is_ignored_with_a_message(analyst_client, pair, name):
    response = analyst_client.get(reverse(name), {"sort": "password"})
    assert response.status_code == 200
    assert "Cannot sort by password" in response.text


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("999", "There is no page 999; showing the last page (1)."),
        ("-1", "There is no page -1; showing the last page (1)."),
        ("abc", "That page number is not a number; showing the first page."),
        ("0", "There is no page 0; showing the last page (1)."),
    ],
)
def test_page_out_of_range_shows_a_real_page_with_a_message(analyst_client, pair, page, message):
    response = analyst_client.get(reverse("contact-list"), {"page": page})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 1
    assert response.context["warnings"] == [message]
    assert message in response.text


@pytest.mark.parametrize(("asked", "size"), [("-5", 1), ("0", 1), ("99999999", 200), ("x", 50)])
def test_page_size_is_clamped(analyst_client, db, asked, size):
    for _ in range(3):
        StatementFactory()
    response = analyst_client.get(reverse("statement-list"), {"per_page": asked})
    assert response.status_code == 200
    assert response.context["table"].paginator.per_page == size


@pytest.mark.parametrize(
    ("asked", "shown"), [("-5", 1), ("0", 1), ("99999999", 200), ("x", 50), ("2.5", 50)]
)
def test_a_refused_page_size_is_said_with_the_size_shown(analyst_client, db, asked, shown):
    StatementFactory()
    response = analyst_client.get(reverse("statement-list"), {"per_page": asked})
    message = f"Rows per page must be a whole number from 1 to 200; showing {shown} per page."
    assert response.context["warnings"] == [message]
    assert message in response.text


@pytest.mark.parametrize("asked", ["1", "200", " 20 ", ""])
def test_an_accepted_page_size_gets_no_message(analyst_client, db, asked):
    StatementFactory()
    response = analyst_client.get(reverse("statement-list"), {"per_page": asked})
    assert response.context["warnings"] == []


def test_garbage_export_format_shows_the_page_with_a_message(analyst_client, pair):
    response = analyst_client.get(reverse("contact-list"), {"_export": "pdf", "kind": "phone_call"})
    assert response.status_code == 200
    assert "Cannot export as &#x27;pdf&#x27;" in response.text


def test_html_in_a_quote_is_shown_as_text(analyst_client, db):
    StatementFactory(text='<script>alert("x")</script>')
    text = analyst_client.get(reverse("statement-list")).text
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text


def test_html_in_a_name_is_escaped_everywhere(analyst_client, db):
    person = PersonFactory(name="<b>Bold</b> Name")
    make_contact(person, PersonFactory(), initiator=person)
    for url in [
        reverse("contact-list"),
        reverse("network"),
        person.get_absolute_url(),
        reverse("home"),
    ]:
        text = analyst_client.get(url).text
        assert "<b>Bold</b>" not in text, url


def test_arabic_and_accented_names_display_with_auto_direction(analyst_client, db):
    khamenei = PersonFactory(name="علی خامنه‌ای")
    make_contact(khamenei, PersonFactory(name="Amélie de Montchalin"))
    text = analyst_client.get(reverse("contact-list")).text
    assert 'dir="auto">علی خامنه‌ای</a>' in text
    assert "Amélie de Montchalin" in text


def test_very_long_search_text_is_cut_and_a_long_filter_refused_with_messages(analyst_client, pair):
    response = analyst_client.get(
        reverse("contact-list"), {"q": "x" * 5000, "participant": "é" * 3000}
    )
    assert response.status_code == 200
    assert "Only the first 200 characters of the search text were searched." in response.text
    assert "at most 200 characters" in response.text  # the participant filter, refused
    assert len(response.context["table"].page.object_list) == 0  # no contact says xxx…
    assert Contact.objects.count() == 1


def test_anonymous_visitor_is_sent_to_login(client, pair):
    for url in [
        "/",
        "/contacts/",
        "/contacts/?_export=csv",
        "/network/",
        "/people/",
        "/statements/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert redirect_target(response) == (reverse("login"), url)
        assert b"Mike Pompeo" not in body(response)


HUGE_IDS = ["1e30", "9" * 40, "-" + "9" * 40, "9223372036854775808", "1.5"]


@pytest.mark.parametrize("value", HUGE_IDS)
@pytest.mark.parametrize(
    ("name", "parameter"),
    [("contact-list", "source"), ("network", "source"), ("statement-list", "contact")],
)
def test_an_id_no_record_can_have_is_reported_on_the_form(
    analyst_client, pair, name, parameter, value
):
    response = analyst_client.get(reverse(name), {parameter: value})
    assert response.status_code == 200
    assert parameter in response.context["filter"].form.errors
    assert "Some filter values could not be used and were ignored" in response.text


@pytest.mark.parametrize("export_format", ["csv", "json", "xlsx"])
def test_an_export_filtered_by_an_impossible_contact_id_is_answered(
    analyst_client, pair, export_format
):
    StatementFactory(text="We talked")
    response = analyst_client.get(
        reverse("statement-list"), {"contact": "9" * 40, "_export": export_format}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{export_format}"') and body(response)


def test_a_statement_list_for_a_huge_contact_number_says_no_record_has_it(analyst_client, pair):
    response = analyst_client.get(reverse("statement-list"), {"contact": "9" * 40})
    assert response.context["filter"].form.errors["contact"] == ["No record has so large a number."]
    assert "Some filter values could not be used and were ignored" in response.text
    assert "(contact): No record has so large a number." in response.text  # a hidden field's


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 40])
def test_an_organisation_number_int_cannot_read_is_taken_as_a_name(analyst_client, pair, value):
    response = analyst_client.get(reverse("contact-list"), {"organisation": value})
    assert response.status_code == 200
    assert "organisation" not in response.context["filter"].form.errors  # not refused
    assert not list(response.context["table"].page.object_list)  # no organisation so named


@pytest.mark.parametrize("ident", ["²", "9" * 40, "١٢"])
def test_a_person_address_with_an_odd_number_is_a_404_not_a_500(analyst_client, db, ident):
    response = analyst_client.get(f"/people/{ident}/")
    assert response.status_code == 404
    assert "Nobody with that name or number is in the tracker." in response.text


def test_an_unknown_export_format_still_shows_the_chart_and_the_facets(analyst_client, db):
    make_contact(PersonFactory(), PersonFactory())
    response = analyst_client.get("/contacts/", {"_export": "bogus"})
    assert "Cannot export as &#x27;bogus&#x27;" in response.text
    assert response.context["contact_chart"].contacts == 1
    assert response.context["facets"]
