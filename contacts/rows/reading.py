"""What every row source shares: rows put back in the ids' order, citations aggregated."""

from ..aggregates import fields, joined
from ..models import Citation


def in_id_order(ids, rows):
    """`rows` (dicts with `pk`) in the order of `ids`, each once; missing ids are skipped."""
    found = {row["pk"]: row for row in rows}
    return [found[pk] for pk in ids if pk in found]


def citations(record):
    """Each citation of the outer `record` (contact or statement): its id, source id,
    title, outlet and URL, excerpt, note, and the source's publication date (the sources'
    order: newest first)."""
    cited = fields(
        "pk",
        "source_id",
        "source__title",
        "source__outlet__name",
        "source__url",
        "excerpt",
        "note",
        "source__published_date",
    )
    return joined(Citation.objects, record, cited)
