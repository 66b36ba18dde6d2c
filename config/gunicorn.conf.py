"""gunicorn for production (`make serve`, docs/deployment.md): `gunicorn -c config/gunicorn.conf.py`.

Every value can be set from the environment, so the same file serves a laptop, a test and
a machine behind nginx. Sync workers: the site is short requests to PostgreSQL, and a
worker per core or two keeps the budget's row locks short; raise WEB_WORKERS with cores.
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
wsgi_app = "config.wsgi:application"

# A request that takes longer is killed and logged; the exports stream well within it.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a slow leak never grows into an outage), not all at once.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the application in the master: a missing `collectstatic` or a bad setting stops
# `make serve` with its message, instead of workers dying in a loop.
preload_app = True

# Only our own proxy on loopback may set X-Forwarded-* for gunicorn itself; the
# application reads the client address by its own rule (TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stderr (journald collects them); the access log as one JSON object a line with
# the request id the application answered with.
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"request_id": "%({x-request-id}o)s"}'
)
# No client addresses in the access log by default (privacy: decision 0029).
