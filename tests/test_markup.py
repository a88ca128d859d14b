"""The page's own escaping gives exactly what Django's does."""

import pytest
from django.utils import html
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from contacts import markup

VALUES = [
    "Mike Pompeo",
    "<script>alert('x')</script> & \"quoted\"",
    "Махмуд Аббас & قاسم سلیمانی",
    "",
    42,
    None,
    mark_safe("<b>already safe</b> &amp;"),
    lazy(lambda: "<lazy & 'text'>", str)(),
]


@pytest.mark.parametrize("value", VALUES)
def test_escape_writes_what_djangos_escape_writes(value):
    assert markup.escape(value) == html.escape(value)


@pytest.mark.parametrize("value", VALUES)
def test_conditional_escape_writes_what_djangos_writes(value):
    assert markup.conditional_escape(value) == html.conditional_escape(value)


TEXTS = [
    "Pompeo called Abdul-Mahdi.",
    "x" * 220,
    "x" * 221,
    "e\u0301" * 150,  # 150 characters shown, 300 code points: NFC composes them
    "\u0958" * 120,  # NFC decomposes: 240 code points, 120 characters
    "\u0f43" * 120,  # NFC decomposes into two characters that both count
    "Махмуд Аббас & قاسم سلیمانی " * 10,
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("length", [1, 120, 220])
def test_truncated_text_is_djangos_truncator_to_the_character(text, length):
    from django.utils.text import Truncator

    assert markup.truncated(text, length) == Truncator(text).chars(length)
