"""A person's timeline is written in Python (`timeline_items`), as the template that drew
it did (issue 15)."""

import datetime

import pytest
from django.template import Context, Template

from contacts.models import Medium
from contacts.templatetags.timeline_items import timeline_items
from tests.factories import (
    CitationFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)
from tests.table_cells import spaced

# The template the page used before, kept here as the reference the tag must match.
TEMPLATE = Template(
    """{% load quotes %}<ol class="timeline">
{% for kind, day, item in timeline %}
  <li class="{{ kind }}">
    <span class="date">{{ item.date_display }}</span>
    {% if kind == "contact" %}
      <span class="tag">{{ item.get_kind_display }}</span>
      <a href="{{ item.get_absolute_url }}" dir="auto">{% if item.initiator_name %}{{ item.initiator_name }} → {% endif %}{{ item.recipient_names|join:", " }}</a>
      <span class="muted" dir="auto">{{ item.summary|truncatechars:160 }}</span>
    {% else %}
      <span class="tag">said ({{ item.get_medium_display|lower }}{% if item.outlet %}, <bdi>{{ item.outlet.name }}</bdi>{% endif %})</span>
      {{ item|quoted }}
      {% if item.contact %}<a href="{{ item.contact.get_absolute_url }}">(about this contact)</a>{% endif %}
    {% endif %}
    {% if item.evidence %}<span class="evidence">Source{{ item.evidence|pluralize }}: {% for name, urls in item.evidence %}{% if urls|length == 1 %}<a href="{{ urls.0 }}" dir="auto">{{ name|truncatechars:48 }}</a>{% else %}<bdi>{{ name|truncatechars:48 }}</bdi>, excerpts {% for url in urls %}<a href="{{ url }}" aria-label="{{ name }}, excerpt {{ forloop.counter }}">{{ forloop.counter }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}{% endif %}{% if not forloop.last %}; {% endif %}{% endfor %}</span>{% else %}<span class="muted evidence">No source cited.</span>{% endif %}
  </li>
{% empty %}<li class="muted">Nothing recorded yet.</li>{% endfor %}
</ol>"""  # noqa: E501
)


@pytest.fixture
def person(db):
    person = PersonFactory(name="Ilse Marvonen")
    other = PersonFactory(name="Сергей <Орлов> & Co", slug="сергей-орлов")
    contact = make_contact(
        person,
        other,
        PersonFactory(name="عباس"),
        initiator=other,
        summary="A long call " + "about <talks> & “quotes” " * 10,
        date_start=datetime.date(2020, 1, 4),
    )
    make_contact(person, other, summary="No initiator", date_start=datetime.date(2020, 1, 6))
    outlet = OrganisationFactory(name="Outlet <b>", kind="news_outlet")
    said = StatementFactory(
        speaker=person,
        contact=contact,
        outlet=outlet,
        medium=Medium.INTERVIEW,
        text="We <urge> restraint & “calm”",
        date_start=datetime.date(2020, 1, 5),
    )
    source = SourceFactory(title="A title longer than forty-eight characters, with <tags> & more")
    CitationFactory(statement=said, source=source)
    CitationFactory(statement=said, source=source, excerpt="one said.")
    CitationFactory(statement=said, source=SourceFactory(title="Short"))
    StatementFactory(speaker=person, text="Said without a source", is_verbatim=False)
    return person


def test_the_timeline_is_drawn_as_the_template_drew_it(person, client, analyst):
    client.force_login(analyst)
    response = client.get(person.get_absolute_url())
    timeline = response.context["timeline"]
    assert len(timeline) == 4
    expected = TEMPLATE.render(Context({"timeline": timeline}))
    drawn = timeline_items(timeline)
    assert spaced(drawn) == spaced(expected)
    assert "excerpt 2" in drawn and "No source cited." in drawn and "→" in drawn
    assert spaced(drawn) in spaced(response.content.decode())


def test_an_empty_timeline_says_nothing_is_recorded(db):
    expected = TEMPLATE.render(Context({"timeline": []}))
    assert spaced(timeline_items([])) == spaced(expected)
    assert "Nothing recorded yet." in timeline_items([])
