"""make bench: generate data at two sizes, time every case on SQLite and PostgreSQL.

    python bench/run.py                      # 1,000 and 1,000,000 contacts
    python bench/run.py --quick              # 1,000 and 20,000 contacts
    python bench/run.py --sizes 1000 100000 --databases sqlite --reuse
    python bench/run.py --rounds 1           # the pages timed once per size (default: 3)

Writes bench/results.json and bench/results.md, stating machine, databases, command, date.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PYTHON = sys.executable
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def environment(database, size):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_DEBUG="false", PYTHONPATH=str(ROOT), DJANGO_LOG_LEVEL="ERROR")
    if database == "sqlite":
        env["SQLITE_PATH"] = str(DATA / f"bench-{size}.sqlite3")
    else:
        env["DATABASE_URL"] = f"{PG_SERVER}/bench_{size}"
    return env


def manage(env, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def reset(database, size):
    if database == "sqlite":
        for path in DATA.glob(f"bench-{size}.sqlite3*"):
            path.unlink()
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS bench_{size}")
        connection.execute(f"CREATE DATABASE bench_{size}")


def prepare(database, size, reuse):
    """Migrate and generate; returns generation figures (or None when reused)."""
    env = environment(database, size)
    marker = DATA / f"{database}-{size}.generated"
    if reuse and marker.exists():
        if database == "sqlite" and not Path(env["SQLITE_PATH"]).exists():
            raise SystemExit(f"{marker} is there but not {env['SQLITE_PATH']}: run without --reuse")
        manage(env, "migrate", "--noinput", "-v0")  # data generated before a new migration
        return json.loads(marker.read_text())
    reset(database, size)
    manage(env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    output = manage(env, "generate_synthetic", "--contacts", str(size), "--seed", "1")
    seconds = time.perf_counter() - started
    if database == "postgresql":
        # The generator writes every contact, then each one's excerpts (an UPDATE): the
        # first versions leave the table's first third empty, which a sequential scan reads
        # through before its first row (1M: 100,000 empty pages, 240 ms). An archive grown
        # by inserts has no such gap, so the contacts are written again, packed.
        vacuum = "VACUUM (FULL, ANALYZE) contacts_contact"
        manage(
            env,
            "shell",
            "-c",
            "from django.db import connection; c = connection.cursor(); "
            f"c.execute('{vacuum}'); c.execute('VACUUM ANALYZE')",
        )
    else:
        manage(
            env,
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('ANALYZE')",
        )
    figures = {
        "seconds": round(seconds, 1),
        "contacts_per_s": round(size / seconds),
        "summary": output.strip().splitlines()[-1],
    }
    marker.write_text(json.dumps(figures))
    return figures


def run_json(env, *args):
    return json.loads(
        subprocess.run(
            [PYTHON, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    )


def measure_pages(database, size):
    return run_json(environment(database, size), "bench/measure.py")


def measure_rest(database, size, pages):
    """Exports and the page served over HTTP, once; with the pages' figures."""
    env = environment(database, size)
    exports = {
        name: run_json(env, "bench/export.py", url) for name, url in pages["export_urls"].items()
    }
    return {
        "facts": pages["facts"],
        "exports": exports,
        "served": run_json(env, "bench/served.py", "/contacts/"),
    }


def median_cases(rounds):
    """Each case's timings, the median of the rounds' (a shared machine's slow spells fall
    on one size in one round, not on every round's); queries and shape from the first."""
    cases = {}
    for name, first in rounds[0]["cases"].items():
        case = dict(first, rounds=len(rounds))
        for key in ("p50_ms", "p95_ms", "floor_p50_ms", "served_floor_p50_ms"):
            values = [r["cases"][name].get(key) for r in rounds if name in r["cases"]]
            values = [value for value in values if value is not None]
            if values:
                case[key] = round(statistics.median(values), 2)
        cases[name] = case
    return cases


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    import sqlite3

    import django

    versions = {
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres") as connection:
            versions["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - reported, not fatal
        versions["postgresql"] = f"unreachable ({error.__class__.__name__})"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024**2, 1),
        "os": platform.platform(),
        **versions,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs=2, default=[1_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="1,000 and 20,000 contacts")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--reuse", action="store_true", help="keep data generated earlier")
    parser.add_argument(
        "--rounds", type=int, default=3, help="time the pages this often, sizes in turn (median)"
    )
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    sizes = [1_000, 20_000] if args.quick else args.sizes
    DATA.mkdir(parents=True, exist_ok=True)
    command = "python bench/run.py " + shlex.join(sys.argv[1:])
    results = {"machine": machine(), "databases": {}}
    for database in args.databases:
        runs = {
            "command": command,
            "sizes": sizes,
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        }
        generation = {size: prepare(database, size, args.reuse) for size in sizes}
        rounds = {size: [] for size in sizes}
        for number in range(args.rounds):  # the sizes in turn, round after round
            for size in sizes:
                print(f"{database}: {size:,} contacts, round {number + 1}", flush=True)
                rounds[size].append(measure_pages(database, size))
        for size in sizes:
            runs[str(size)] = {
                "generation": generation[size],
                "pages": median_cases(rounds[size]),
                **measure_rest(database, size, rounds[size][0]),
            }
        results["databases"][database] = runs
        write(results)
    print((ROOT / "bench" / "results.md").read_text())


def write(results):
    """Save after each database, keeping other databases' figures from earlier runs."""
    path = ROOT / "bench" / "results.json"
    if path.exists():
        earlier = json.loads(path.read_text()).get("databases", {})
        results["databases"] = {**earlier, **results["databases"]}
    path.write_text(json.dumps(results, indent=2))
    sys.path.insert(0, str(ROOT))
    from bench.report import markdown

    (ROOT / "bench" / "results.md").write_text(markdown(results))


if __name__ == "__main__":
    main()
