"""HTML built in Python on pages that render on every request: the escaping of Django's
`escape` and `conditional_escape`, without their check of every argument for a lazy
string (`keep_lazy`: a few µs a call, paid once per cell and once per <option>)."""

import unicodedata
from html import escape as escape_html

from django.utils.text import Truncator


def escape(value):
    """Django's `escape`, as a plain str: the caller marks the HTML it builds safe."""
    return escape_html(str(value))


def conditional_escape(value):
    """Django's `conditional_escape`: HTML (anything with `__html__`) as it is, anything else
    escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape_html(str(value))


def truncated(text, length):
    """Django's `Truncator(text).chars(length)`, which walks every character of the text
    even when it is short enough to be shown whole (a contacts page: 50 summaries)."""
    composed = unicodedata.normalize("NFC", text)  # as Truncator counts it
    if len(composed) <= length:
        return composed
    return Truncator(text).chars(length)
