"""The statements a contact's page lists, written in Python.

The page lists what its participants said within some days of it: two statements for most
contacts, 43 for the busiest person's latest contact in the 1M archive, up to 200. Drawn by
a template, each cost about 0.4 ms (16 variable lookups, three `reverse()` calls); here
addresses are filled from patterns reversed once (`rows.links.Links`).
tests/test_statement_list.py compares the two renderings.
"""

from django import template
from django.utils.safestring import mark_safe

from ..markup import conditional_escape, escape
from ..models import Person, Source, Statement
from ..rows.links import Links
from .quotes import quoted

register = template.Library()

NONE = '<li class="muted">None recorded.</li>'


@register.simple_tag
def statement_items(statements, contact=None):
    """<ul class="statements">: each statement's date (linked), whether it is about
    `contact`, its speaker, medium and outlet, its words and its sources (`evidence`)."""
    links = Links(statement=(Statement, "key"), person=(Person, "slug"), source=(Source, "pk"))
    about = contact.pk if contact is not None else None
    items = [item(statement, about, links) for statement in statements]
    return mark_safe(f'<ul class="statements"> {" ".join(items or [NONE])} </ul>')


def item(statement, about, links):
    date = f'<a class="date" href="{escape(links.statement(statement.key))}">'
    date += f"{escape(statement.date_display)}</a>"
    if about is not None and statement.contact_id == about:
        date += ' <span class="tag">about this contact</span>'
    speaker = statement.speaker
    if speaker:
        who = (
            f'<a href="{escape(links.person(speaker.slug))}" dir="auto">{escape(speaker.name)}</a>'
        )
    else:
        who = f'<span dir="auto">{escape(statement.speaker_description)}</span>'
    medium = escape(statement.get_medium_display())
    if statement.outlet:
        medium += f", <bdi>{escape(statement.outlet.name)}</bdi>"
    words = conditional_escape(quoted(statement))
    evidence = getattr(statement, "evidence", ())
    numbered = len(evidence) > 1  # "[source 1] [source 2]": links that say which they are
    sources = " ".join(
        f'<a class="source-link" href="{escape(links.source(c.source_id))}#citation-{c.pk}"'
        f' title="{escape(c.source.title)}">[source{f" {n}" if numbered else ""}]</a>'
        for n, c in enumerate(evidence, 1)
    )
    return f'<li> {date} {who} <span class="medium">({medium})</span>: {words} {sources} </li>'
