"""The statements export: one row per statement, its evidence one item per citation."""

from contacts.models import Medium
from contacts.quotes import quoted_text
from contacts.rows import statement_rows

from .reading import Record, Rows, from_row_source

MEDIUM_LABELS = dict(Medium.choices)


class StatementRows(Rows):
    headers = [
        "Key",
        "Date",
        "Speaker",
        "Text",
        "Medium",
        "Outlet / venue",
        "Contact",
        "Sources",
        "Link",
    ]
    written = frozenset({"Date", "Medium", "Contact", "Sources", "Link"})
    has_evidence = True

    def records(self, queryset, *, evidence=True):
        links = self.links
        for row in from_row_source(queryset, statement_rows):
            speaker = row["speaker__name"] or row["speaker_description"]
            if row["office"]:
                speaker = f"{speaker} ({', '.join(filter(None, row['office']))})"
            text = row["text"]
            contact_id = row["contact_id"]
            link = links.statement(row["key"])
            cells = [
                row["key"],
                row["dates"],
                speaker,
                quoted_text(text, row["is_verbatim"]),
                MEDIUM_LABELS[row["medium"]],
                ", ".join(filter(None, [row["outlet__name"], row["venue"]])),
                links.contact(contact_id) if contact_id else "",
                len({cited[1] for cited in row["citations"]}),
                link,
            ]
            cited = self.evidence(row["citations"]) if evidence else []
            yield Record(row["key"], link, cells, cited)
