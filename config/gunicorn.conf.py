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

# Logs: gunicorn's own lines as JSON objects (the formatter of the application's logs,
# config/settings.py LOGGING) on stderr, the access log one JSON object a line on stdout with
# the request id the application answered with; journald collects both. WEB_ACCESS_LOG=0
# turns the access log off. No client addresses in it (privacy: decision 0029).
_level = os.environ.get("LOG_LEVEL", "INFO").upper()
_access = os.environ.get("WEB_ACCESS_LOG", "1") not in {"0", "", "off"}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "smederijen.serving.requestid.JsonFormatter"},
        "raw": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "raw",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["error"], "level": _level},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": _level, "propagate": False},
        "gunicorn.access": {
            "handlers": ["access"],
            "level": "INFO" if _access else "WARNING",
            "propagate": False,
        },
    },
}
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, '
    '"request_id": "%({x-request-id}o)s"}'
)

# gunicorn's control socket (gunicornc) sits in one path per user: two servers on a machine
# (tests, bench/failure.py) would take each other's. systemd signals the master instead.
control_socket_disable = True
