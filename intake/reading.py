"""From what an editor pastes or uploads to a report: text, title, outlet, date, language.

HTML goes through trafilatura (main text and metadata); plain text is kept exactly as given,
because excerpts are checked against it. Language detection uses py3langid, which ships
its model.
"""

import datetime
import re
from dataclasses import dataclass, field

MAX_BYTES = 2_000_000  # about 300 pages of text; a 5 MB paste is refused
LANGUAGES = {"en", "ru", "de", "fr", "ar", "es"}
HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
STAMP = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b")


class UnreadableReport(ValueError):
    pass


@dataclass
class Report:
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: datetime.date | None = None
    language: str = ""
    notes: list = field(default_factory=list)


def looks_like_html(text):
    return bool(HTML_START.match(text[:500]))


def decode(data):
    """Bytes of an uploaded file as text; binary files are refused."""
    if b"\x00" in data[:8192]:
        raise UnreadableReport("This file is not text (it contains binary data).")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableReport("This file is not UTF-8 or Windows-1252 text.")


def detect_language(text):
    import py3langid

    code, _ = py3langid.classify(text[:5000])
    return code


def from_html(html):
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    report = Report(text=text)
    if meta is not None:
        report.title = meta.title or ""
        report.outlet = meta.sitename or ""
        report.url = meta.url or ""
        if meta.date:
            report.published = parse_date(meta.date)
    return report


def parse_date(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def read_report(*, text="", upload=None):
    """A Report from pasted text or HTML, or an uploaded .txt/.html file."""
    if upload is not None:
        data = upload.read(MAX_BYTES + 1)  # no more than that is read, whatever the file
        if len(data) > MAX_BYTES:
            raise UnreadableReport(too_long(max(getattr(upload, "size", 0) or 0, len(data))))
        text = decode(data)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise UnreadableReport(too_long(len(text.encode("utf-8"))))
    if not text.strip():
        raise UnreadableReport("The report is empty: paste its text or choose a file.")
    if looks_like_html(text):
        report = from_html(text)
        if not report.text.strip():
            raise UnreadableReport("No article text was found in this HTML.")
        report.notes.append("Main text extracted from HTML (trafilatura).")
    else:
        report = Report(text=text)
    if report.published is None and (stamp := STAMP.match(report.text)):
        report.published = parse_date(stamp.group(1))
    report.language = detect_language(report.text)
    if not report.title:
        report.title = first_line(report.text)
    return report


def first_line(text):
    """The first line that reads like a headline: three words or more, mostly words (not an
    exchange-rate ticker or a page stamp)."""
    fallback = ""
    for line in text.splitlines():
        line = STAMP.sub("", line).strip()
        words = line.split()
        if len(words) >= 3 and sum(w.isalpha() for w in words) / len(words) >= 0.6:
            return line[:200]
        fallback = fallback or (line[:200] if len(line) > 3 else "")
    return fallback or "Untitled report"


def too_long(size):
    """The refusal of a report of `size` bytes (its size as the upload gave it: only the
    first MAX_BYTES + 1 bytes are read)."""
    return (
        f"This report is {size / 1_000_000:.1f} MB; intake takes up to "
        f"{MAX_BYTES / 1_000_000:.0f} MB. Split it, or paste the article's main text only."
    )
