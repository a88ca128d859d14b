"""How many filters a list's form has in use, for the folded filter panel's summary."""

from django import template

register = template.Library()


@register.filter
def active_filters(form):
    """Fields given a non-empty value in the request (valid or not)."""
    data = form.data
    return sum(1 for name in form.fields if any(value.strip() for value in data.getlist(name, [])))
