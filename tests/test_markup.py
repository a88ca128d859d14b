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
