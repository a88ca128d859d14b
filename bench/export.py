"""One export in its own process, after a first request to it filtered to no row (a warm worker):
rows/s, time to first byte, peak memory: `ru_maxrss`, and
the process's own memory (`RssAnon`, sampled as the export streams). SQLite reads its file
through a memory map (tracker/settings.py): the pages of the file the export has read count
in `ru_maxrss` though they are the file's, shared and dropped by the kernel at need."""

import json
import os
import resource
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DJANGO_DEBUG", "false")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402


def anonymous_mb():
    """The process's own resident memory now (Linux: RssAnon), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
    return None


NO_ROWS = "date_from=9999-01-01"  # no contact starts in 9999


def first_chunk_ms(client, url):
    """The time to the first chunk of `url`, the rest left unread (the response closed)."""
    started = time.perf_counter()
    response = client.get(url)
    next(iter(response.streaming_content), None)
    elapsed = time.perf_counter() - started
    response.close()
    return round(elapsed * 1000, 1)


def main(url):
    user = User.objects.get(username="bench")
    client = Client()
    client.force_login(user)
    # A serving worker has answered requests before: its first one imports the views and
    # export code and reads the URL patterns (about 150 ms here). That first request is the
    # same export filtered to no row (`NO_ROWS`), so that it reads none of the data the timed
    # export reads; its first byte is reported as `cold_first_byte_ms`.
    cold = first_chunk_ms(client, f"{url}{'&' if '?' in url else '?'}{NO_ROWS}")
    started = time.perf_counter()
    response = client.get(url)
    first_byte = None
    lines = 0
    size = 0
    own = anonymous_mb() or 0.0
    for number, chunk in enumerate(response.streaming_content):
        if number % 64 == 0:
            own = max(own, anonymous_mb() or 0.0)
        if first_byte is None:
            first_byte = time.perf_counter() - started
        lines += chunk.count(b"\n")
        size += len(chunk)
    elapsed = time.perf_counter() - started
    rows = max(lines - 1, 0)  # header line; excerpts hold no newlines in generated data
    print(
        json.dumps(
            {
                "url": url,
                "streaming": response.streaming,
                "rows": rows,
                "seconds": round(elapsed, 2),
                "rows_per_s": round(rows / elapsed) if elapsed else None,
                "first_byte_ms": round(first_byte * 1000, 1) if first_byte else None,
                "cold_first_byte_ms": cold,
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "peak_own_mb": round(max(own, anonymous_mb() or 0.0), 1) or None,
                "megabytes": round(size / 1e6, 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
