import datetime
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from contacts.models import Person, Source
from intake import report
from intake.evaluation import DEV_SET, dev_gold, score, seed_gold
from intake.nlp import english
from intake.proposer import propose


class Command(BaseCommand):
    help = (
        "Run the proposer on the five seed articles (gold: the seed fixtures) and on "
        "../shared/intake-dev/ (gold: its annotations); print the scores and write "
        "bench/intake.md. Runs inside a transaction that is rolled back: nothing is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "bench" / "intake.md")
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        english()
        load_seconds = time.perf_counter() - started
        with transaction.atomic():
            if not Person.objects.exists():
                call_command("loaddata", *settings.SEED_FIXTURES, verbosity=0)
            groups, per_report = self.evaluate()
            speed = self.six_thousand_characters()
            transaction.set_rollback(True)
        self.stdout.write(report.table(groups))
        report.write(groups, per_report, (load_seconds, speed), Path(options["output"]))
        self.stdout.write(
            f"Model load {load_seconds:.2f} s; a 6,000-character article {speed:.2f} s. "
            f"Written to {options['output']}."
        )
        self.groups = groups

    def six_thousand_characters(self):
        """Median seconds of five proposals for the seed articles' first 6,000 characters."""
        text = "\n\n".join(Source.objects.order_by("slug").values_list("text", flat=True))[:6000]
        published = datetime.date(2020, 1, 4)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            propose(text, published=published, language="en")
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def evaluate(self):
        names = dict(Person.objects.values_list("slug", "name"))
        seed = [score(gold, names) for gold in seed_gold()]
        dev = [score(gold, names) for gold in dev_gold()] if DEV_SET.exists() else []
        groups = {"seed articles (en)": report.figures(seed)}
        english_dev = [s for s in dev if s.language == "en"]
        if english_dev:
            groups["intake-dev, English"] = report.figures(english_dev)
            groups["intake-dev, other languages"] = report.figures(
                [s for s in dev if s.language != "en"]
            )
            groups["all English"] = report.figures(seed + english_dev)
        return groups, seed + dev
