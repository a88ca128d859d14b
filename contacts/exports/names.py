"""File names that say what was exported and when: `contacts_pompeo_2020-01-01_2020-01-07.csv`."""

from django.utils import timezone
from django.utils.text import slugify

# The filters a name mentions, in this order (those absent from a table are skipped).
NAMED_FILTERS = (
    "participant",
    "initiator",
    "recipient",
    "speaker",
    "name",
    "office",
    "organisation",
    "kind",
    "medium",
    "country",
    "language",
    "q",
)
PART_LENGTH = 30
STEM_LENGTH = 120


def part(value):
    """A filter value as safe ASCII: lower-case letters, digits and hyphens."""
    value = getattr(value, "code", value)  # a country by its ISO code
    return slugify(str(value))[:PART_LENGTH].strip("-")


def export_filename(table, export_format, chosen, *, extra="", today=None):
    """`table`, the `chosen` filters (a filter form's cleaned data) and their date range,
    or today's date when no date was chosen."""
    words = [part(chosen[name]) for name in NAMED_FILTERS if chosen.get(name)]
    start, end = chosen.get("date_from"), chosen.get("date_to")
    if start and end:
        dates = [start.isoformat(), end.isoformat()]
    elif start or end:
        dates = [f"from-{start.isoformat()}" if start else f"to-{end.isoformat()}"]
    else:
        dates = [(today or timezone.localdate()).isoformat()]
    stem = "_".join(filter(None, [table, extra, *words]))[:STEM_LENGTH].strip("-_")
    return f"{'_'.join([stem, *dates])}.{export_format}"
