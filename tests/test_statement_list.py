"""The statements a contact's page lists are written in Python (`statement_items`), as the
template that drew them did (issue 15)."""

import pytest
from django.template import Context, Template

from contacts.models import Citation, Medium, Statement
from contacts.templatetags.statement_list import statement_items
from tests.factories import (
    CitationFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    StatementFactory,
    make_contact,
)
from tests.table_cells import spaced

# The template the page used before, kept here as the reference the tag must match (with
# its sources since numbered and spaced: "[source 1] [source 2]", not "[source][source]").
TEMPLATE = Template(
    """{% load quotes %}<ul class="statements">
{% for statement in statements %}
  <li>
    <a class="date" href="{{ statement.get_absolute_url }}">{{ statement.date_display }}</a>{% if contact and statement.contact_id == contact.pk %} <span class="tag">about this contact</span>{% endif %}
    {% if statement.speaker %}<a href="{{ statement.speaker.get_absolute_url }}" dir="auto">{{ statement.speaker.name }}</a>{% else %}<span dir="auto">{{ statement.speaker_description }}</span>{% endif %}
    <span class="medium">({{ statement.get_medium_display }}{% if statement.outlet %}, <bdi>{{ statement.outlet.name }}</bdi>{% endif %})</span>:
    {{ statement|quoted }}
    {% for citation in statement.evidence %}{% if not forloop.first %} {% endif %}<a class="source-link" href="{{ citation.source.get_absolute_url }}#citation-{{ citation.pk }}" title="{{ citation.source.title }}">[source{% if statement.evidence|length > 1 %} {{ forloop.counter }}{% endif %}]</a>{% endfor %}
  </li>
{% empty %}
  <li class="muted">None recorded.</li>
{% endfor %}
</ul>"""  # noqa: E501
)


def listed(contact):
    rows = Statement.objects.filter(text__contains="Varnoth").select_related("speaker", "outlet")
    statements = list(rows.order_by("pk"))
    for statement in statements:
        cited = Citation.objects.filter(statement=statement).select_related("source")
        statement.evidence = list(cited.order_by("pk"))
    return statements


@pytest.fixture
def contact(db):
    speaker = PersonFactory(name="عباس عراقچی <b>", slug="عباس-عراقچی")
    other = PersonFactory(name="Ólafur Varnoth")
    contact = make_contact(speaker, other, initiator=speaker)
    outlet = OrganisationFactory(name='Outlet "<i>" & Co', kind="news_outlet")
    said = StatementFactory(
        speaker=speaker,
        contact=contact,
        outlet=outlet,
        medium=Medium.TWEET,
        text="Varnoth <script>alert(1)</script> “quoted” & \u202eRTL",
        is_verbatim=True,
    )
    source = SourceFactory(title='A "title" <with> tags')
    CitationFactory(statement=said, source=source)
    CitationFactory(statement=said, source=SourceFactory(title="Второй источник"))
    StatementFactory(
        speaker=None,
        speaker_description='An aide "close" to <Varnoth>',
        text="Varnoth said they would talk again",
        is_verbatim=False,
    )
    return contact


def test_the_listed_statements_are_drawn_as_the_template_drew_them(contact):
    statements = listed(contact)
    assert len(statements) == 2
    expected = TEMPLATE.render(Context({"statements": statements, "contact": contact}))
    drawn = statement_items(statements, contact)
    assert spaced(drawn) == spaced(expected)
    assert "&lt;script&gt;" in drawn and "<script>" not in drawn
    assert "about this contact" in drawn and "paraphrase" in drawn


def test_a_statement_about_another_contact_is_not_tagged_as_about_this_one(contact):
    statements = listed(contact)
    other = make_contact(PersonFactory(), PersonFactory())
    expected = TEMPLATE.render(Context({"statements": statements, "contact": other}))
    assert spaced(statement_items(statements, other)) == spaced(expected)
    assert "about this contact" not in statement_items(statements, other)


def test_no_statements_are_listed_as_none_recorded(db):
    expected = TEMPLATE.render(Context({"statements": [], "contact": None}))
    assert spaced(statement_items([], None)) == spaced(expected)
    assert "None recorded." in statement_items([], None)


def test_the_contact_page_lists_its_statements_with_their_sources(contact, client, analyst):
    client.force_login(analyst)
    html = client.get(contact.get_absolute_url()).content.decode()
    assert "Varnoth &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('class="source-link"') == 2
    assert ">[source 1]</a> <a " in html and ">[source 2]</a>" in html
    assert "An aide &quot;close&quot; to &lt;Varnoth&gt;" not in html  # not a participant


def test_a_statement_with_one_source_links_it_unnumbered(contact):
    statements = listed(contact)
    statements[0].evidence = statements[0].evidence[:1]
    drawn = statement_items(statements, contact)
    assert drawn.count(">[source]</a>") == 1 and "[source 1]" not in drawn
