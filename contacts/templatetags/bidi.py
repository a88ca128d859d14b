"""Bidirectional isolation for user text in plain-text places (a page's <title>).

In HTML, user text goes inside an element that isolates it (`<bdi>` or `dir="auto"`); where
no element can be used, First Strong Isolate … Pop Directional Isolate characters do the
same: a right-to-left override inside the text ends where the text ends.
"""

from django import template

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def isolated(text):
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text
