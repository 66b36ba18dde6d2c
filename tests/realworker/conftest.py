"""A real Celery worker, a Redis of our own and the test database they share (issue 15).

Each test session (each xdist worker too) starts its own `redis-server` on a free port, so
that no other test, agent or project ever takes our tasks, and stopping it harms nobody.
The Celery workers are subprocesses with the production settings (`config.settings`),
pointed at that Redis and at pytest's test database, writing mail to files in a tmp dir.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from tests.brokers import free_port
from tests.conftest import _unavailable
from tests.factories import BudgetYearFactory

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    raise AssertionError(f"waited {timeout} s for {what}")


class RedisServer:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        # A fixed argument list of our own, no shell.
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, 10, f"redis-server on port {self.port}")

    def answers(self) -> bool:
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.port), 0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    if not shutil.which("redis-server"):
        _unavailable("needs the redis-server binary (apt-get install redis-server)")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


class Worker:
    """One `celery worker` process (solo pool: one process, so kill -9 kills the task too)."""

    def __init__(self, env: dict, log: Path, beat: bool):
        self.log = log
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker",
            "-P", "solo", "-l", "INFO", "-n", f"realworker-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        if beat:
            command += ["-B", "-s", str(log.with_suffix(".beat"))]
        self.process = subprocess.Popen(  # noqa: S603 (a fixed argument list, no shell)
            command,
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.ready, 60, f"the worker to be ready (log: {log})", every=0.2)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the worker exited:\n{self.output()[-3000:]}")
        return " ready." in self.output()

    def kill_hard(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        # No warm shutdown after the test (it takes seconds): a killed worker loses nothing,
        # which is what these tests show. A task it leaves unacknowledged names a row the
        # database flush removes; a later worker finds nothing to do for it.
        if self.process.poll() is None:
            self.kill_hard()


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def mailbox(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


def message_ids(mailbox: Path) -> Counter:
    """How often each Message-ID was sent (the file backend writes one file a connection)."""
    found = Counter()
    for file in mailbox.iterdir():
        found.update(re.findall(r"^Message-ID: (\S+)$", file.read_text(), flags=re.MULTILINE))
    return found


@pytest.fixture
def start_worker(redis_server, mailbox, tmp_path):
    """Start workers against our Redis and pytest's test database; stop them after the test."""
    if connection.vendor != "postgresql":
        _unavailable("needs PostgreSQL: the worker must see the test database")
    started = []

    def start(*, beat: bool = False, **extra_env) -> Worker:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": redis_server.url,
            "CACHE_URL": "",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mailbox),
            "OUTBOX_RELAY_SECONDS": "1",
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "CELERY_UNACKED_RESTORE_SECONDS": "1",
            **extra_env,
        }
        worker = Worker(env, tmp_path / f"worker-{len(started)}.log", beat)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def budget_year(db):
    return BudgetYearFactory(year=2013)
