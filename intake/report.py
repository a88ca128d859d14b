"""The evaluation as a table, and bench/intake.md with the machine and the command."""

import os
import platform
import sys
import time

from django.conf import settings

COLUMNS = [
    "contacts recall",
    "contacts precision",
    "initiator right",
    "kind right",
    "statements recall",
    "statements precision",
    "speaker right",
    "excerpts not verbatim",
    "s / report",
]


def pct(part, whole):
    return part / whole * 100 if whole else float("nan")


def figures(scores):
    total = {
        key: sum(getattr(s, key) for s in scores)
        for key in vars(scores[0])
        if key not in ("name", "language")
    }
    return {
        "contacts recall": pct(total["matched_contacts"], total["gold_contacts"]),
        "contacts precision": pct(total["matched_contacts"], total["proposed_contacts"]),
        "initiator right": pct(total["right_initiators"], total["stated_initiators"]),
        "kind right": pct(total["right_kinds"], total["matched_contacts"]),
        "statements recall": pct(total["matched_statements"], total["gold_statements"]),
        "statements precision": pct(total["matched_statements"], total["proposed_statements"]),
        "speaker right": pct(total["matched_statements"], total["excerpt_matches"]),
        "excerpts not verbatim": total["not_verbatim"],
        "s / report": total["seconds"] / len(scores),
        "reports": len(scores),
        "gold contacts": total["gold_contacts"],
        "gold statements": total["gold_statements"],
    }


def cell(value):
    if isinstance(value, int):
        return str(value)
    return "–" if value != value else f"{value:.1f}" if value >= 1 or value == 0 else f"{value:.2f}"


def table(groups):
    lines = [
        "| set | reports | " + " | ".join(COLUMNS) + " |",
        "|---|---:|" + "---:|" * len(COLUMNS),
    ]
    for name, result in groups.items():
        row = [cell(result[column]) for column in COLUMNS]
        lines.append(f"| {name} | {result['reports']} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def write(groups, per_report, timings, path):
    load_seconds, six_thousand = timings
    machine = (
        f"{platform.processor() or platform.machine()}, {platform.system()} {platform.release()}"
    )
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cores = os.cpu_count()
    machine = f"{machine}, {cores} cores"
    lines = [
        "# Intake: proposals scored against hand-made gold",
        "",
        f"Written {time.strftime('%Y-%m-%d %H:%M')} by `python manage.py evaluate_intake` "
        f"on {machine}, Python {sys.version.split()[0]}, database {database}.",
        "",
        f"Model load: {load_seconds:.2f} s (once per process; target ≤ 5 s). Proposals for a "
        f"6,000-character article: {six_thousand:.2f} s (median of 5; target ≤ 1 s). "
        "Percentages; contacts match on "
        "participants and date, statements on speaker and excerpt; initiator and kind are "
        "counted on matched contacts, speaker on excerpt-matched statements.",
        "",
        table(groups),
        "",
        "## Per report",
        "",
        "| report | lang | gold contacts | proposed | matched | gold statements | proposed "
        "| matched | s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in per_report:
        lines.append(
            f"| {s.name} | {s.language} | {s.gold_contacts} | {s.proposed_contacts} | "
            f"{s.matched_contacts} | {s.gold_statements} | {s.proposed_statements} | "
            f"{s.matched_statements} | {s.seconds:.2f} |"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
