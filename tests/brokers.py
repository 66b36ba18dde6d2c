"""The project's Celery app pointed at another broker for one test, and back.

The suite runs Celery eagerly. A test of what happens with a real broker (or with none
answering) switches the app to `url` and throws away the app's pooled connections, so
nothing of the eager runs before leaks in, nor of this test into the next.
"""

import os
import socket
from contextlib import contextmanager
from urllib.parse import urlparse

from config.celery import app as celery_app


def _forget_connections(app) -> None:
    # Only forget them: kombu keeps one pool a broker URL for the whole process, and closing
    # it would break every later user of that URL.
    app._pool = None
    app.amqp._producer_pool = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unreachable_broker_url() -> str:
    """A Redis URL where nothing listens (a port just freed: refused at once)."""
    return f"redis://127.0.0.1:{free_port()}/0"


@contextmanager
def celery_broker(url: str):
    from smederijen.outbox import services

    conf = celery_app.conf
    # Celery reads CELERY_BROKER_URL from the environment before any setting; the read and
    # write URLs are read from the settings first (unless CELERY_BROKER_*_URL are set).
    assert not os.environ.get("CELERY_BROKER_WRITE_URL"), "unset CELERY_BROKER_WRITE_URL"
    names = ("broker_read_url", "broker_write_url", "task_always_eager")
    saved = {name: conf.get(name) for name in names}
    _forget_connections(celery_app)
    conf.update(broker_read_url=url, broker_write_url=url, task_always_eager=False)
    # Never the shared broker: a message left there could reach another project's worker.
    assert urlparse(celery_app.connection_for_write().as_uri()).port == urlparse(url).port
    services._broker_rests_until = 0.0
    try:
        yield celery_app
    finally:
        conf.update(saved)
        _forget_connections(celery_app)
        services._broker_rests_until = 0.0
