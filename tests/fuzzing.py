"""What the request fuzz (tests/test_fuzz.py) sends, where, and what it measured.

The pages are discovered, not listed: every parameterless route of the project's URL
configuration, the export formats each table view offers, and every model of the admin
site's registry (its change list with the parameters of its own list filters, its "Deleted"
list and object history where it has them, and the search behind each autocomplete field).
"""

import itertools
import json
import os
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import strategies as st

REFUSED_FORMATS = ("tsv", "xls", "ods", "yaml", "latex", "html", "pdf", "CSV")
COMMON_PARAMS = ("q", "page", "per_page", "sort", "group", "days", "next", "sentence")
ADMIN_PARAMS = ("q", "o", "p", "e", "all", "_popup", "_to_field", "_facets")
SEARCHES = {"q", "term", "name", "participant", "speaker", "initiator", "recipient"}

# --- values -------------------------------------------------------------------------------

HUGE_NUMBERS = [
    "1e30",
    "-1e30",
    "1e309",
    "-1e309",
    "1.5",
    "9" * 40,
    "-" + "9" * 40,
    "1" + "0" * 40,
    "9223372036854775808",  # one past the largest 64-bit integer
    "-9223372036854775809",
    "2147483648",  # one past PostgreSQL's integer
    "0",
    "-0",
    "NaN",
    "inf",
    "-inf",
    "0x1F",
    "1_000",
    " 7 ",
    "²",  # str.isdigit() is true, int() refuses it
    "١٢",  # Arabic-Indic digits: int() reads them
    "1.",
    ".5",
    "1e-30",
    "1,2,3",
]
COMBINING = "\u0301\u0308\u0327\u20dd\u0489"
BIDI = "\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u200e\u061c"
SAMPLES = [
    "e\u0301\u0301\u0301",
    "قاسم سلیمانی",
    "שלום",
    "\u202eevil\u202c",
    "👩\u200d👩\u200d👧 🇮🇷 🏳️\u200d🌈",
    "Ǆ ǅ ǆ ß ẞ İ ı",
    "'",
    '"',
    ":",
    "*",
    "-",
    "^",
    "NEAR(a b)",
    "a OR b",
    '"unclosed',
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    "\x00",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
]

ids = st.one_of(
    st.sampled_from(HUGE_NUMBERS),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=2**63 - 2, max_value=10**40).map(str),  # at and past the edge
    st.floats().map(repr),
)
# Every Unicode category but surrogates (which no URL can carry).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
marked_text = st.text(  # combining marks, bidirectional controls, symbols, emoji
    st.one_of(
        st.sampled_from(COMBINING + BIDI),
        st.characters(categories=["So", "Mn", "Me", "Cf", "Zs", "Lo"]),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    ),
    min_size=1,
    max_size=20,
)
long_values = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=5).map(
    lambda piece: (piece * 10_000)[:10_000]
)
words = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
many_words = st.lists(words, min_size=1, max_size=12).map(
    lambda found: " ".join(itertools.islice(itertools.cycle(found), 2000))
)
dates = st.one_of(st.dates().map(str), st.sampled_from(["2020-02-30", "99999-01-01", "0000-00-00"]))
text_values = st.one_of(
    st.just(""),
    any_text,
    marked_text,
    st.sampled_from(SAMPLES),
    dates,
    long_values,
    many_words,
)
values = st.one_of(ids, text_values)
number_values = st.one_of(ids, ids, ids, text_values)  # ids three times out of four
search_values = st.one_of(many_words, long_values, text_values)
orderings = st.lists(st.integers(min_value=-40, max_value=40), max_size=4).map(
    lambda numbers: ".".join(map(str, numbers))
)


def query(names, *, extra=None):
    """Each of `names` with a fuzzed value one time in three (so every parameter is tried
    in every few requests): mostly ids, except in searches (mostly long texts and many
    words); `extra` maps a name to values of its own. Shrinks towards fewer parameters."""
    extra = extra or {}

    def value_of(name):
        drawn = search_values if name in SEARCHES else number_values
        return st.one_of(drawn, extra[name]) if name in extra else drawn

    maybe = [st.one_of(st.none(), st.none(), value_of(name)) for name in names]
    return st.tuples(*maybe).map(
        lambda drawn: [
            (name, value) for name, value in zip(names, drawn, strict=True) if value is not None
        ]
    )


# --- pages --------------------------------------------------------------------------------


def routes(patterns=None, prefix=""):
    """(route, pattern) for every route outside the admin, includes expanded."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith("admin/"):  # fuzzed change list by change list
                yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


@dataclass(frozen=True)
class Page:
    url: str
    params: tuple
    export_formats: tuple = ()

    def __str__(self):
        return self.url


def list_pages():
    """Every page reached without an id in its address (lists, searches, forms), with its
    filters' parameters and the export formats it offers."""
    pages = []
    for _, pattern in routes():
        if pattern.pattern.converters or not pattern.name:
            continue
        view = getattr(pattern.callback, "view_class", None)
        filterset = getattr(view, "filterset_class", None)
        names = tuple(filterset.base_filters) if filterset else ()
        pages.append(
            Page(
                url=reverse(pattern.name),
                params=tuple(dict.fromkeys(names + COMMON_PARAMS)),
                export_formats=tuple(getattr(view, "export_formats", None) or ()),
            )
        )
    return pages


def export_pages():
    """(page, format): every format each table offers, and the ones it refuses."""
    return [
        (page, fmt)
        for page in list_pages()
        if page.export_formats
        for fmt in (*page.export_formats, *REFUSED_FORMATS)
    ]


@dataclass(frozen=True)
class AdminPage:
    model: type  # whose view permission the page needs
    url: str
    kind: str  # "changelist", "deleted", "autocomplete", "history"
    fixed: tuple = ()  # parameters every request carries
    history: str = ""  # the object history page, with "{}" for the id

    def __str__(self):
        fixed = "&".join(f"{k}={v}" for k, v in self.fixed)
        return f"{self.url}?{fixed}" if fixed else self.url


def admin_pages():
    """Every change list of the admin site, its "Deleted" list where it has one, and the
    search behind each autocomplete field."""
    found = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        history = reverse(f"{name}_history", args=["0"]).replace("/0/", "/{}/")
        found.append(AdminPage(model, reverse(f"{name}_changelist"), "changelist", (), history))
        if hasattr(model_admin, "deleted_view"):
            found.append(AdminPage(model, reverse(f"{name}_deleted"), "deleted"))
        found += [
            AdminPage(
                model._meta.get_field(field).remote_field.model,
                reverse("admin:autocomplete"),
                "autocomplete",
                (
                    ("app_label", opts.app_label),
                    ("model_name", opts.model_name),
                    ("field_name", field),
                ),
            )
            for field in model_admin.autocomplete_fields
        ]
    return found


def admin_pages_about(model, pages):
    """The admin pages about `model`: its change list, "Deleted" list, object history (its
    id fuzzed too) and the autocompletes of its form."""
    found = []
    for page in pages:
        label = (("app_label", model._meta.app_label), ("model_name", model._meta.model_name))
        if (page.model is model and page.kind != "autocomplete") or page.fixed[:2] == label:
            found.append(page)
        if page.model is model and page.kind == "changelist":
            found.append(AdminPage(model, page.history, "history"))
    return found


def admin_params(page, client):
    """The parameters a change list takes: its own list filters' (read from the change list
    as `client` sees it), an `__exact` beside each `__id__exact`, and the admin's own."""
    if page.kind == "autocomplete":
        return ("term", "page")
    if page.kind == "history":
        return ("p",)
    response = client.get(page.url.replace("deleted/", ""))
    assert response.status_code == 200, (page.url, response.status_code)
    names = []
    for spec in response.context["cl"].filter_specs:
        expected = spec.expected_parameters()
        names += [expected] if isinstance(expected, str) else list(expected)
    names += [n.removesuffix("__id__exact") + "__exact" for n in names if n.endswith("__id__exact")]
    return tuple(dict.fromkeys([*names, *ADMIN_PARAMS]))


# --- requests and figures -----------------------------------------------------------------


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    slowest_ms: float = 0.0
    slowest_url: str = ""
    failures: list = field(default_factory=list)

    def summary(self, database):
        return (
            f"fuzz on {database}: {self.requests:,} requests, {self.errors} responses >= 500, "
            f"slowest {self.slowest_ms:,.0f} ms ({self.slowest_url[:160]})"
        )

    def write(self, database):
        """Print the summary; with FUZZ_REPORT=path, also write the figures there (JSON)."""
        line = self.summary(database)
        print(line)
        path = os.environ.get("FUZZ_REPORT")
        if path and self.requests:
            report = {
                "database": database,
                "requests": self.requests,
                "errors": self.errors,
                "slowest_ms": round(self.slowest_ms, 1),
                "slowest_url": self.slowest_url,
                "failures": self.failures[:50],
                "summary": line,
            }
            with open(path, "w", encoding="utf-8") as out:
                json.dump(report, out, ensure_ascii=False, indent=1)


@dataclass
class Answer:
    url: str
    status: int
    body: bytes
    response: object
    error: str = ""


def address(path, pairs):
    return f"{path}?{urlencode(list(pairs))}" if pairs else path


def quoted(value):
    return quote(value, safe="") or "%20"


def fetch(client, url, figures):
    """GET `url` and read its whole body (a stream included), timed. A 5xx, or a stream that
    breaks, is counted and rolled back, so that the next request finds the database usable.
    `client` must not raise the view's exceptions (Client(raise_request_exception=False))."""
    error = ""
    with transaction.atomic():
        started = time.perf_counter()
        response = client.get(url)
        try:
            body = b"".join(response.streaming_content) if response.streaming else response.content
        except Exception as broken:  # noqa: BLE001 - a stream that breaks is a server error
            body, error = b"", f"the stream broke: {broken!r}"
        elapsed = (time.perf_counter() - started) * 1000
        status = 500 if error else response.status_code
        if status >= 500:
            exc_info = getattr(response, "exc_info", None)
            error = error or (repr(exc_info[1]) if exc_info else "")
            transaction.set_rollback(True)
    figures.requests += 1
    if elapsed > figures.slowest_ms:
        figures.slowest_ms, figures.slowest_url = elapsed, url
    if status >= 500:
        figures.errors += 1
        figures.failures.append({"url": url[:2000], "status": status, "error": error[:500]})
    return Answer(url, status, body, response, error)
