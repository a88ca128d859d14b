"""A page over HTTP behind gunicorn, the production server: p50 and p95 of sequential
requests from one client on a kept-alive connection, one worker with one thread, DEBUG off.

Run by bench/run.py with the bench database's environment; prints one JSON object.
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP, TIMED = 5, 60


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_key():
    """A logged-in session of the bench user, made as `login()` makes one."""
    code = (
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, "
        "HASH_SESSION_KEY\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "user = get_user_model().objects.get(username='bench')\n"
        "s = SessionStore()\n"
        "s[SESSION_KEY] = str(user.pk)\n"
        "s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "s.create()\n"
        "print(s.session_key)\n"
    )
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return output.strip().splitlines()[-1]


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def timed_requests(port, path, cookie):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
    times = []
    for number in range(WARM_UP + TIMED):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or b"<table" not in body:
            raise RuntimeError(f"{path}: {response.status}, {len(body)} bytes")
        if number >= WARM_UP:
            times.append(elapsed)
    connection.close()
    return times


def main(path):
    port, cookie = free_port(), session_key()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--config", "tracker/gunicorn.conf.py"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "1"),
            *("--access-logfile", "/dev/null", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "false"},
    )
    try:
        wait_for(port)
        times = timed_requests(port, path, cookie)
    finally:
        server.terminate()
        server.wait(timeout=30)
    cuts = statistics.quantiles(times, n=20)
    print(
        json.dumps(
            {
                "path": path,
                "requests": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(cuts[18], 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/contacts/")
