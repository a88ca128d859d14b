"""How a statement's words are shown: a verbatim quote in quotation marks, a paraphrase
marked as one. One rule for the pages (HTML), the exports and the forms (text)."""

from django.utils.html import format_html


def quoted_text(text, verbatim):
    """“We talked”, or: They talked [paraphrase]."""
    return f"“{text}”" if verbatim else f"{text} [paraphrase]"


def quoted_html(text, verbatim):
    """`text` (escaped, unless already safe HTML such as a search snippet) in quotation
    marks, or followed by the paraphrase tag."""
    if verbatim:
        return format_html("“{}”", text)
    return format_html('{} <span class="tag">paraphrase</span>', text)
