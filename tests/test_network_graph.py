"""The network page's matrix and graph: who reached out to whom, and the contacts whose
initiator the sources do not give."""

import copy
import pickle
import re

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse

from contacts.models import Contact
from contacts.network.analysis import UNKNOWN, Node, reach
from contacts.network.graph import Links
from tests.factories import CountryFactory, PersonFactory, make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    """Pompeo called Raab twice; Raab called Pompeo once; Pompeo and Raab spoke once, and
    Pompeo and Esper once, with no initiator given."""
    pompeo, raab, esper = (
        PersonFactory(name="Mike Pompeo", slug="mike-pompeo"),
        PersonFactory(name="Dominic Raab", slug="dominic-raab"),
        PersonFactory(name="Mark Esper", slug="mark-esper"),
    )
    contacts = {
        "pompeo-raab": [make_contact(pompeo, raab, initiator=pompeo) for _ in range(2)],
        "raab-pompeo": [make_contact(raab, pompeo, initiator=raab)],
        "pompeo-raab-unknown": [make_contact(pompeo, raab)],
        "pompeo-esper-unknown": [make_contact(pompeo, esper)],
    }
    return pompeo, raab, esper, contacts


def network(client, **filters):
    return client.get(reverse("network"), filters).context


def by_id(elements):
    return {element["data"]["id"]: element for element in elements}


def listed(client, url):
    return {row.record for row in client.get(url).context["table"].page.object_list}


def test_contacts_with_unknown_initiator_are_counted_in_the_initiator_unknown_row(
    analyst_client, people
):
    matrix = network(analyst_client)["matrix"]
    row, cells = matrix[-1]
    assert row == UNKNOWN
    assert {column.label: count for column, count, _ in cells} == {
        "Dominic Raab": 1,
        "Mark Esper": 1,
        "Mike Pompeo": 2,
    }


def test_the_matrix_still_counts_each_initiator_by_the_people_contacted(analyst_client, people):
    matrix = network(analyst_client)["matrix"]
    counts = {
        (row.label, column.label): count for row, cells in matrix for column, count, _ in cells
    }
    assert counts["Mike Pompeo", "Dominic Raab"] == 2
    assert counts["Dominic Raab", "Mike Pompeo"] == 1


def test_contacts_with_unknown_initiator_are_undirected_edges(analyst_client, people):
    edges = by_id(network(analyst_client)["elements"])
    undirected = edges["person:dominic-raab--person:mike-pompeo"]
    assert undirected["classes"] == "undirected" and undirected["data"]["weight"] == 1
    assert edges["person:mark-esper--person:mike-pompeo"]["classes"] == "undirected"
    directed = edges["person:mike-pompeo->person:dominic-raab"]
    assert directed["classes"] == "directed" and directed["data"]["weight"] == 2
    assert edges["person:dominic-raab->person:mike-pompeo"]["data"]["weight"] == 1


def test_node_size_follows_the_number_of_contacts(analyst_client, people):
    nodes = by_id(network(analyst_client)["elements"])
    pompeo, raab, esper = (nodes[f"person:{slug}"]["data"] for slug in people_slugs())
    assert (pompeo["contacts"], raab["contacts"], esper["contacts"]) == (5, 4, 1)
    assert pompeo["size"] > raab["size"] > esper["size"]


def people_slugs():
    return ("mike-pompeo", "dominic-raab", "mark-esper")


def test_edge_width_follows_the_number_of_contacts(analyst_client, people):
    edges = by_id(network(analyst_client)["elements"])
    twice = edges["person:mike-pompeo->person:dominic-raab"]["data"]["width"]
    once = edges["person:dominic-raab->person:mike-pompeo"]["data"]["width"]
    assert twice > once


def test_clicking_a_node_leads_to_the_person(analyst_client, people):
    nodes = by_id(network(analyst_client)["elements"])
    assert nodes["person:mike-pompeo"]["data"]["url"] == people[0].get_absolute_url()


def test_clicking_an_unnamed_counterpart_lists_their_contacts(analyst_client, people):
    pompeo, raab, esper, contacts = people
    contact = make_contact(pompeo)
    contact.participants.create(description="his French counterpart", country=pompeo.country)
    nodes = by_id(network(analyst_client)["elements"])
    unnamed = next(node["data"] for key, node in nodes.items() if key.startswith("unnamed:"))
    assert unnamed["label"] == f"his French counterpart ({pompeo.country.name})"
    assert listed(analyst_client, unnamed["url"]) == {contact}


def test_a_directed_edge_lists_the_contacts_in_that_direction_only(analyst_client, people):
    edges = by_id(network(analyst_client)["elements"])
    url = edges["person:mike-pompeo->person:dominic-raab"]["data"]["url"]
    assert listed(analyst_client, url) == set(people[3]["pompeo-raab"])


def test_an_undirected_edge_lists_the_pairs_contacts_with_no_initiator(analyst_client, people):
    edges = by_id(network(analyst_client)["elements"])
    url = edges["person:dominic-raab--person:mike-pompeo"]["data"]["url"]
    assert listed(analyst_client, url) == set(people[3]["pompeo-raab-unknown"])


def test_an_initiator_unknown_cell_lists_that_persons_contacts_with_no_initiator(
    analyst_client, people
):
    row, cells = network(analyst_client)["matrix"][-1]
    url = next(url for column, _, url in cells if column.label == "Mike Pompeo")
    expected = people[3]["pompeo-raab-unknown"] + people[3]["pompeo-esper-unknown"]
    assert listed(analyst_client, url) == set(expected)


def test_edge_links_keep_the_page_filters(analyst_client, people):
    pompeo, raab, esper, contacts = people
    visit = make_contact(pompeo, raab, kind="visit")
    edges = by_id(network(analyst_client, kind="visit")["elements"])
    url = edges["person:dominic-raab--person:mike-pompeo"]["data"]["url"]
    assert "kind=visit" in url
    assert listed(analyst_client, url) == {visit}


def test_countries_count_contacts_not_pairs_of_participants(analyst_client, db):
    here, there = CountryFactory(code="XA"), CountryFactory(code="XB")
    one, two = PersonFactory(country=here), PersonFactory(country=here)
    abroad = PersonFactory(country=there)
    contact = make_contact(one, two, abroad)
    found = reach(Contact.objects.all(), "country")
    assert [(a.key, b.key, n) for (a, b), n in found.undirected.items()] == [
        ("country:XA", "country:XB", 1)
    ]
    edges = by_id(network(analyst_client, group="country")["elements"])
    url = edges["country:XA--country:XB"]["data"]["url"]
    assert listed(analyst_client, url) == {contact}


def test_reach_reads_pairs_and_totals_in_a_fixed_number_of_queries(
    people, django_assert_num_queries
):
    for _ in range(5):
        make_contact(PersonFactory(), PersonFactory())
    with django_assert_num_queries(5):  # directed, undirected, totals, people, countries
        found = reach(Contact.objects.all())
    assert sum(found.undirected.values()) == 7


def test_the_page_loads_its_graph_libraries_from_the_app_and_no_inline_style(
    analyst_client, people
):
    text = analyst_client.get(reverse("network")).text
    for script in ("cytoscape/cytoscape.min.js", "cytoscape-fcose/", "cytoscape-svg/"):
        assert f'src="/static/vendor/{script}' in text
    # Cytoscape writes an inline <style> unless this element exists (the CSP blocks it).
    assert 'id="__________cytoscape_stylesheet"' in text
    inline = [tag for tag in re.findall(r"<script[^>]*>", text) if "src=" not in tag]
    assert inline and all('type="application/json"' in tag for tag in inline)  # data only
    assert " style=" not in text


def test_each_link_keeps_the_pages_other_filters_and_replaces_only_its_own(people):
    pompeo, raab, _, _ = people
    page = QueryDict("kind=meeting&initiator=someone&q=%C3%A9t%C3%A9+%26+co&page=3&group=person")
    links = Links(page)
    a, b = (Node(f"person:{p.slug}", p.name, p.slug) for p in (pompeo, raab))
    for _ in range(2):  # the second time from the encoded base
        directed = QueryDict(links.directed(a, b).split("?", 1)[1])
        assert directed.lists() and dict(directed.lists()) == {
            "kind": ["meeting"],
            "initiator": ["mike-pompeo"],
            "recipient": ["dominic-raab"],
            "q": ["été & co"],
        }
    unknown = QueryDict(links.undirected(a, b).split("?", 1)[1])
    assert unknown.getlist("with_participant") == ["mike-pompeo", "dominic-raab"]
    assert unknown["initiator"] == "someone" and unknown["initiator_unknown"] == "true"


def pickle_copy(value):
    return pickle.loads(pickle.dumps(value))


@pytest.mark.parametrize("duplicate", [pickle_copy, copy.copy, copy.deepcopy])
def test_a_node_copies_with_its_attributes(duplicate):
    node = Node("unnamed:French counterpart:3", "French counterpart (France)", "", None, "Fr")
    copied = duplicate(node)
    assert copied == node and copied.description == "Fr" and copied.slug == ""


def test_the_graphs_data_is_written_as_djangos_json_script_writes_it():
    from django.utils.html import json_script

    from contacts.templatetags.data_script import data_script

    value = [{"label": "</script><b>&amp; «Тегеран» 'x'", "url": "/c/?a=1&b=<2>"}]
    assert data_script(value, "network-elements") == json_script(value, "network-elements")


# The matrix's rows as the template drew them before they were written in Python.
MATRIX_TEMPLATE = (
    "{% for row, cells in matrix %}\n        <tr"
    '{% if row.kind == "initiator" %} class="initiator-unknown"'
    '{% endif %}><th scope="row" dir="auto">{{ row.1 }}</th>'
    '{% for column, count, url in cells %}<td class="num">{% if count and url %}'
    '<a href="{{ url }}" aria-label="'
    '{% if row.kind == "initiator" %}{{ count }} contact{{ count|pluralize }} of '
    "{{ column.1 }} whose initiator is unknown"
    "{% else %}{{ count }} contact{{ count|pluralize }} from {{ row.1 }} to {{ column.1 }}"
    '{% endif %}">{{ count }}</a>{% elif count %}{{ count }}'
    '{% else %}<span class="muted">·</span>{% endif %}</td>{% endfor %}</tr>\n      '
    "{% endfor %}"
)


def test_the_matrix_is_drawn_as_the_template_drew_it_with_names_and_links_escaped(
    analyst_client, people
):
    pompeo, *_ = people
    pompeo.name = "Mike <Pompeo> & «Co»"
    pompeo.save()
    context = network(analyst_client, kind="phone_call")
    expected = Template(MATRIX_TEMPLATE).render(Context({"matrix": context["matrix"]}))
    assert str(context["matrix_body"]) == re.sub(r">\s+<", "><", expected.strip())
    assert "Mike &lt;Pompeo&gt; &amp; «Co»" in expected and "initiator-unknown" in expected
    assert expected.count("<a href=") >= 3
