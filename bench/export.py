"""One export in its own process: rows/s, time to first byte, peak memory: `ru_maxrss`, and
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


def main(url):
    user = User.objects.get(username="bench")
    client = Client()
    client.force_login(user)
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
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "peak_own_mb": round(max(own, anonymous_mb() or 0.0), 1) or None,
                "megabytes": round(size / 1e6, 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
