"""Cited excerpts are found in an article's text in time linear in its length, and user
text on the source page is isolated so that a right-to-left override cannot reverse the
app's own labels around it."""

import random
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.highlight import LocatedText, excerpt_span, segments
from contacts.models import Citation
from contacts.text import excerpt_occurs_in, normalize_text
from tests.factories import SourceFactory

WORDS = ["minister", "“said”", "talks", "de-escalate", "Tehran", "call", "et", "à"]


def article(length):
    """About `length` characters of numbered paragraphs that repeat the same wording, with
    quotes, line breaks and double spaces (reports repeat boilerplate; a search that
    re-reads each repetition is quadratic)."""
    chosen = random.Random(7)
    words = [chosen.choice(WORDS) + ("  " if n % 11 == 0 else " ") for n in range(120)]
    wording = "".join(words)
    paragraphs = (f"{number}. {wording}\n\n" for number in range(length // len(wording) + 1))
    return "".join(paragraphs)[:length]


class Cited:
    def __init__(self, excerpt):
        self.excerpt = excerpt


def fastest_highlighting(text, excerpts, runs=3):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        found = segments(text, [Cited(excerpt) for excerpt in excerpts])
        timings.append(time.perf_counter() - started)
    return min(timings), found


def excerpt_length(text):
    """A fortieth of the text: excerpts that grow with it, so that a search costing the
    text's length times the excerpt's grows 16-fold for a text 4 times as long."""
    return len(text) // 40


def ten_long_excerpts(text):
    """Ten long excerpts, each ending in a paragraph number only it has."""
    step, length = len(text) // 10, excerpt_length(text)
    excerpts = []
    for i in range(10):
        end = text.index("\n\n", i * step + length + 100) + 6
        excerpts.append(normalize_text(text[end - length : end]))
    return excerpts


def test_ten_long_excerpts_in_a_megabyte_article_are_each_found_once():
    text = article(1_000_000)
    found = segments(text, [Cited(excerpt) for excerpt in ten_long_excerpts(text)])
    assert sum(len(segment.anchors) for segment in found) == 10


def monotonous(length):
    """Ten blocks of one repeated word, each ending in its number: the worst case for a
    search that restarts at every position (each start matches almost a whole excerpt)."""
    block = length // 10
    return "".join("la " * (block // 3 - 2) + f"[{number}]\n" for number in range(10))


def numbered_excerpts(text):
    """Ten long excerpts, each ending in its block's number."""
    ends = (text.index(f"[{n}]") + 3 for n in range(10))
    return [text[end - excerpt_length(text) : end] for end in ends]


def test_ten_long_excerpts_in_a_monotonous_megabyte_are_each_found_once():
    text = monotonous(1_000_000)
    found = segments(text, [Cited(excerpt) for excerpt in numbered_excerpts(text)])
    assert sum(len(segment.anchors) for segment in found) == 10


def test_highlighting_a_monotonous_text_grows_linearly_with_it():
    small, large = monotonous(250_000), monotonous(1_000_000)
    small_seconds, _ = fastest_highlighting(small, numbered_excerpts(small))
    large_seconds, _ = fastest_highlighting(large, numbered_excerpts(large))
    # Linear is 4x; a search restarting at every position (text x excerpt) grows 16x.
    assert large_seconds / small_seconds < 8


def test_highlighting_time_grows_linearly_with_the_text():
    small, large = article(250_000), article(1_000_000)
    small_seconds, _ = fastest_highlighting(small, ten_long_excerpts(small))
    large_seconds, _ = fastest_highlighting(large, ten_long_excerpts(large))
    # Linear is 4x; text x excerpt is 16x (the regex search this replaced grew about 20x).
    assert large_seconds / small_seconds < 8


def test_an_excerpt_is_found_across_line_breaks_quotes_and_compatibility_characters():
    text = "He said  “we urge\n all parties” to de-escalate. The ﬁnal word."
    assert text[slice(*excerpt_span('"we urge all parties"', text))] == "“we urge\n all parties”"
    assert text[slice(*excerpt_span("final word", text))] == "ﬁnal word"


def test_an_excerpt_missing_from_the_text_is_not_found():
    assert excerpt_span("not in it", "Something else entirely.") is None
    assert excerpt_span("   ", "Something else entirely.") is None


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@given(
    text=st.text(alphabet=st.sampled_from("ab “”'\"\n\t\u00a0ﬁé\u0301أ"), min_size=1, max_size=60),
    data=st.data(),
)
def test_every_excerpt_the_validation_accepts_is_found_where_it_is(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    excerpt = text[start:end]
    span = LocatedText(text).span(excerpt)
    if excerpt_occurs_in(excerpt, text):  # what the citation's validation accepts
        assert span is not None
    if span is not None:  # a cut inside a letter's accents covers the whole letter
        assert normalize_text(excerpt) in normalize_text(text[span[0] : span[1]])


RIGHT_TO_LEFT_OVERRIDE = "\u202e"


def test_a_right_to_left_override_in_a_title_or_text_stays_inside_its_isolation(
    analyst_client, pair
):
    caller, callee, contact = pair
    source = SourceFactory(
        title=f"Title {RIGHT_TO_LEFT_OVERRIDE}reversed",
        text=f"Before {RIGHT_TO_LEFT_OVERRIDE}the two ministers spoke. After.",
    )
    citation = Citation.objects.create(
        source=source, excerpt="the two ministers spoke.", contact=contact
    )
    page = analyst_client.get(source.get_absolute_url()).text
    assert f"<title>\u2068Title {RIGHT_TO_LEFT_OVERRIDE}reversed\u2069 ·" in page
    assert f'<h1 dir="auto">Title {RIGHT_TO_LEFT_OVERRIDE}reversed</h1>' in page
    assert f"<bdi>Before {RIGHT_TO_LEFT_OVERRIDE}</bdi>" in page
    assert f'<a class="cited-by" dir="ltr" href="{contact.get_absolute_url()}"' in page
    assert f'<mark id="citation-{citation.pk}">the two ministers spoke.</mark>' in page


def test_a_source_title_cited_on_a_contact_page_is_isolated(analyst_client, pair):
    caller, callee, contact = pair
    source = contact.citations.get().source
    source.title = f"Call {RIGHT_TO_LEFT_OVERRIDE}report"
    source.save(update_fields=["title"])
    page = analyst_client.get(contact.get_absolute_url()).text
    assert f'dir="auto">Call {RIGHT_TO_LEFT_OVERRIDE}report</a>' in page
