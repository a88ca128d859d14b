"""`{{ statement|quoted }}`: a statement's words as `contacts.quotes` shows them, isolated
for right-to-left text; `{{ statement|quoted:200 }}` shortens them first."""

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html

from contacts.quotes import quoted_html

register = template.Library()


@register.filter
def quoted(statement, length=None):
    text = truncatechars(statement.text, length) if length else statement.text
    return quoted_html(format_html('<span dir="auto">{}</span>', text), statement.is_verbatim)
