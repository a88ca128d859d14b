"""bench/results.md from bench/results.json, with each target checked."""

PAGE_RATIO, DEEP_RATIO, SEARCH_P95, QUERY_LIMIT, FLOOR_RATIO = 2.0, 1.5, 100, 8, 2.0
FACET_QUERIES = 2  # facets add at most this many queries to a page
OFF = " [facets off]"
EXPORT_RATE, FIRST_BYTE, MEMORY_RATIO = 60_000, 200, 1.2  # issue 15
SERVED_P95 = 30  # ms, /contacts/ behind gunicorn


def mark(ok):
    return "yes" if ok else "**no**"


def header(*columns):
    """A markdown table's first two lines; the first column left-aligned, the others right."""
    return ["| " + " | ".join(columns) + " |", "|---|" + "---:|" * (len(columns) - 1)]


def page_table(small, large, sizes):
    lines = header(
        "case",
        f"p95 ms at {sizes[0]:,}",
        f"p95 ms at {sizes[1]:,}",
        f"ratio (≤ {PAGE_RATIO})",
        "queries",
        f"same queries, ≤ {QUERY_LIMIT}",
        "uncapped COUNT(*)",
        f"p50 ÷ floor at {sizes[1]:,} (≤ {FLOOR_RATIO})",
        f"p50 ÷ floor served through the request path at {sizes[1]:,} (≤ {FLOOR_RATIO})",
    )
    for name, big in large["pages"].items():
        little = small["pages"].get(name, {})
        if "queries" not in big:
            lines.append(
                f"| {name} | {little.get('p95_ms', '')} | {big['p95_ms']} | (baseline) | | | | | |"
            )
            continue
        ratio = big["p95_ms"] / little["p95_ms"] if little.get("p95_ms") else float("nan")
        same = little.get("queries") == big["queries"] and big["queries"] <= QUERY_LIMIT
        lines.append(
            f"| {name} | {little.get('p95_ms')} | {big['p95_ms']} | {ratio:.2f} "
            f"{mark(ratio <= PAGE_RATIO)} | {little.get('queries')} / {big['queries']} | "
            f"{mark(same)} | {big['uncapped_counts']} | {floor_cell(big)} | "
            f"{floor_cell(big, 'served_floor_p50_ms', editors_apart=True)} |"
        )
    return lines


def floor_cell(case, key="floor_p50_ms", editors_apart=False):
    """p50 ÷ floor p50, with both figures (the floor: the page's SQL run raw and a minimal
    template drawing the same rows and columns; `served_floor_p50_ms`: the same served
    through the request path, bench/floor.py). An admin page is an editor's, not one of
    the analyst pages the target is set for: in the served floor's column its ratio is
    shown, not marked (`editors_apart`)."""
    floor = case.get(key)
    if not floor:
        return "n/a"
    ratio = case["p50_ms"] / floor
    rows, columns = case.get("rows_columns", (0, 0))
    editors = editors_apart and case.get("url", "").startswith("/admin/")
    verdict = "(editor page)" if editors else mark(ratio <= FLOOR_RATIO)
    return f"{ratio:.2f} {verdict} ({case['p50_ms']} ÷ {floor}; {rows}×{columns})"


def facet_table(small, large, sizes):
    """Each page with facets against itself without them: queries added, time at both sizes."""
    lines = header(
        "page",
        f"queries without / with facets (≤ +{FACET_QUERIES})",
        f"p95 ms without facets at {sizes[1]:,}",
        f"p95 ms with facets at {sizes[0]:,} / {sizes[1]:,}",
        f"ratio (≤ {PAGE_RATIO})",
    )
    for name, off in large["pages"].items():
        if not name.endswith(OFF):
            continue
        page = name.removesuffix(OFF)
        on, little = large["pages"][page], small["pages"].get(page, {})
        added = on["queries"] - off["queries"]
        ratio = on["p95_ms"] / little["p95_ms"] if little.get("p95_ms") else float("nan")
        lines.append(
            f"| {page} | {off['queries']} / {on['queries']} {mark(added <= FACET_QUERIES)} | "
            f"{off['p95_ms']} | {little.get('p95_ms')} / {on['p95_ms']} | {ratio:.2f} "
            f"{mark(ratio <= PAGE_RATIO)} |"
        )
    return lines


def export_table(small, large, sizes):
    lines = header(
        "export",
        "size",
        "rows",
        f"rows/s (≥ {EXPORT_RATE:,})",
        f"first byte ms (≤ {FIRST_BYTE})",
        "process's first request: first byte ms",
        "peak RSS MB (own)",
    )
    for size, run in zip(sizes, (small, large), strict=True):
        for name, result in run["exports"].items():
            lines.append(
                f"| {name} | {size:,} | {result['rows']:,} | {result['rows_per_s']:,} "
                f"{mark(result['rows_per_s'] >= EXPORT_RATE)} | {result['first_byte_ms']} "
                f"{mark(result['first_byte_ms'] <= FIRST_BYTE)} | "
                f"{result.get('cold_first_byte_ms', '–')} | {result['peak_rss_mb']} "
                f"({own_mb(result)}) |"
            )
    return lines


def own_mb(result):
    """The export's own peak memory (RssAnon; older runs, or off Linux: ru_maxrss)."""
    return result.get("peak_own_mb") or result["peak_rss_mb"]


def served_table(small, large, sizes):
    """/contacts/ over HTTP behind gunicorn (bench/served.py), at both sizes."""
    lines = header(
        "page over HTTP (gunicorn, 1 worker)", "size", "p50 ms", f"p95 ms (≤ {SERVED_P95})"
    )
    for size, run in zip(sizes, (small, large), strict=True):
        served = run.get("served")
        if served:
            lines.append(
                f"| {served['path']} | {size:,} | {served['p50_ms']} | {served['p95_ms']} "
                f"{mark(served['p95_ms'] <= SERVED_P95)} |"
            )
    return lines


def checks(large):
    pages = large["pages"]
    deep_page = next(v for k, v in pages.items() if k.startswith("contacts: deep page"))
    deep = deep_page["p95_ms"] / pages["contacts: page 1 (50 rows)"]["p95_ms"]
    searches = [v["p95_ms"] for k, v in pages.items() if "(FTS)" in k and not k.endswith(OFF)]
    exports = list(large["exports"].values())
    memory = own_mb(exports[0]) / own_mb(exports[1])
    rss = exports[0]["peak_rss_mb"] / exports[1]["peak_rss_mb"]
    return [
        f"- Deep page ÷ page 1: {deep:.2f} (≤ {DEEP_RATIO}): {mark(deep <= DEEP_RATIO)}",
        f"- Full-text search p95: {max(searches)} ms (≤ {SEARCH_P95}): "
        f"{mark(max(searches) <= SEARCH_P95)}",
        f"- Export peak memory (own), all rows ÷ filtered rows: {memory:.2f} (≤ {MEMORY_RATIO}): "
        f"{mark(memory <= MEMORY_RATIO)}",
        f"- Export peak RSS (ru_maxrss, with the mapped file's pages), all rows ÷ filtered "
        f"rows: {rss:.2f} (≤ {MEMORY_RATIO}): {mark(rss <= MEMORY_RATIO)}",
    ]


def markdown(results):
    machine = results["machine"]
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python bench/run.py`); each database gives its command, date.",
        "",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB, "
        f"{machine['os']}",
        f"- Software: Python {machine['python']}, Django {machine['django']}, "
        f"SQLite {machine['sqlite']}, PostgreSQL {machine['postgresql']}",
        "- Method: in-process Django test client, logged in; 3 warm-up requests, then "
        "30 timed requests per case (p50/p95), in rounds: each size timed in turn, every "
        "figure the median of the rounds' (see each database's command, `--rounds`, default "
        "3), so that a slow spell of a shared machine falls on one size in one round. "
        "Exports: one process each, timed after a first request to the same export filtered "
        "to no row (a serving worker's imports and URL patterns are ready, none of the data "
        "is read; that first request's first byte is shown apart), peak memory is its "
        "`ru_maxrss`, with in brackets its own (`RssAnon`, sampled while streaming; on SQLite "
        "`ru_maxrss` also counts the pages of the memory-mapped database file it read). "
        "Floor (issue 15): in the same run, the page's own captured SQL executed raw, "
        "then a minimal Django template drawing as many rows and columns of "
        "short text, 30 times; the table shows the page's p50 ÷ the floor's p50 (wall "
        "clock, one process; on PostgreSQL the server's work is inside both). The last "
        "column's floor does the same served through the request path, as the issue's own "
        'floor was measured ("through the same middleware"): `/__floor__/` '
        "(bench/floor.py), behind the same middleware and login check, requested with the "
        "page's client. The admin's pages are editors', not analysts': in that column "
        "their ratios are shown, not held to the target.",
        "",
    ]
    for database, runs in results["databases"].items():
        sizes = runs["sizes"]
        small, large = runs[str(sizes[0])], runs[str(sizes[1])]
        out += [f"## {database}", "", f"- Command: `{runs['command']}`", f"- Date: {runs['date']}"]
        for size in sizes:
            out.append(f"- Generated {size:,}: {runs[str(size)]['generation']['summary']}")
        out += ["", "Facts: " + "; ".join(f"{k}: {v}" for k, v in large["facts"].items()), ""]
        out += page_table(small, large, sizes) + [""]
        if any(name.endswith(OFF) for name in large["pages"]):
            out += facet_table(small, large, sizes) + [""]
        out += export_table(small, large, sizes) + [""]
        out += served_table(small, large, sizes) + [""]
        out += checks(large) + [""]
    return "\n".join(out) + "\n"
