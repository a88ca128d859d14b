import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.proposer import propose
from intake.reading import UnreadableReport, read_report


class Command(BaseCommand):
    help = "Read a report (.txt or .html) and print what intake proposes; saves nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--published", help="The report's date, YYYY-MM-DD.")
        parser.add_argument("--language", help="ISO 639-1 code; detected when not given.")
        parser.add_argument("--title", default="")
        parser.add_argument("--json", action="store_true", help="Print JSON (the default).")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            with path.open("rb") as upload:
                report = read_report(upload=upload)
        except (OSError, UnreadableReport) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        published = report.published
        if options["published"]:
            try:
                published = datetime.date.fromisoformat(options["published"])
            except ValueError as error:
                raise CommandError("--published takes a date as YYYY-MM-DD.") from error
        result = propose(
            report.text,
            published=published,
            language=options["language"] or report.language,
            title=options["title"] or report.title,
        )
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
