"""Gunicorn settings for `make serve` (production): gthread workers behind a reverse proxy.

Every value can be changed from the environment (GUNICORN_*) without editing this file.
"""

import os

wsgi_app = "tracker.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads, because a streamed export keeps its thread busy for as long as it runs (about
# 100 to 160 s for 1,000,000 contacts, bench/results.md): the other threads and workers go
# on answering pages meanwhile.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 9))))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))

# With gthread workers the timeout is a heartbeat: a worker whose main loop falls silent this
# long is restarted, while a thread still streaming an export of any length is not cut off.
# 300 s is generous anyway: even if it timed each request, a 1,000,000-row export would finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "300"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "60"))
keepalive = 5

# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The reverse proxy on this machine sets X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No run-time control socket (gunicorn 25+): nothing here uses gunicornc, and two instances on
# one machine would otherwise share its default path.
control_socket_disable = True
