"""A person's timeline (their 100 latest contacts and statements), written in Python.

Drawn by a template, each of its up to 200 items cost about 0.3 ms (30 variable lookups,
filters, a `reverse()` per link): 60 ms of the busiest person's page. Here addresses are
filled from patterns reversed once (`rows.links.Links`). tests/test_timeline_items.py
compares the two renderings.
"""

from django import template
from django.utils.safestring import mark_safe

from ..markup import escape, truncated
from ..models import Contact
from ..rows.links import Links
from .quotes import quoted

register = template.Library()

NOTHING = '<li class="muted">Nothing recorded yet.</li>'


@register.simple_tag
def timeline_items(timeline):
    """<ol class="timeline"> of `timeline`, [(kind, day, contact or statement)], each item
    with its `evidence` ([(name, [excerpt address])])."""
    links = Links(contact=(Contact, "pk"))
    items = [item_html(kind, item, links) for kind, _, item in timeline]
    return mark_safe(f'<ol class="timeline"> {" ".join(items or [NOTHING])} </ol>')


def item_html(kind, item, links):
    parts = [
        f'<li class="{escape(kind)}">',
        f'<span class="date">{escape(item.date_display)}</span>',
    ]
    if kind == "contact":
        parts.append(contact_html(item, links))
    else:
        parts.append(statement_html(item, links))
    parts.append(evidence_html(item.evidence))
    parts.append("</li>")
    return " ".join(parts)


def contact_html(contact, links):
    initiator = contact.initiator_name
    names = (f"{escape(initiator)} → " if initiator else "") + ", ".join(
        escape(name) for name in contact.recipient_names
    )
    return (
        f'<span class="tag">{escape(contact.get_kind_display())}</span> '
        f'<a href="{escape(links.contact(contact.pk))}" dir="auto">{names}</a> '
        f'<span class="muted" dir="auto">{escape(truncated(contact.summary, 160))}</span>'
    )


def statement_html(statement, links):
    medium = escape(statement.get_medium_display().lower())
    if statement.outlet:
        medium += f", <bdi>{escape(statement.outlet.name)}</bdi>"
    words = quoted(statement)
    html = f'<span class="tag">said ({medium})</span> {words}'
    if statement.contact_id is not None:
        html += f' <a href="{escape(links.contact(statement.contact_id))}">(about this contact)</a>'
    return html


def evidence_html(evidence):
    if not evidence:
        return '<span class="muted evidence">No source cited.</span>'
    sources = []
    for name, urls in evidence:
        shown = escape(truncated(name, 48))
        if len(urls) == 1:
            sources.append(f'<a href="{escape(urls[0])}" dir="auto">{shown}</a>')
            continue
        excerpts = ", ".join(
            f'<a href="{escape(url)}" aria-label="{escape(name)}, excerpt {number}">{number}</a>'
            for number, url in enumerate(urls, 1)
        )
        sources.append(f"<bdi>{shown}</bdi>, excerpts {excerpts}")
    plural = "" if len(evidence) == 1 else "s"
    return f'<span class="evidence">Source{plural}: {"; ".join(sources)}</span>'
