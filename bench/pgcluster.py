"""A private PostgreSQL cluster for the scripts that restart or drop a database.

bench/failure.py restarts PostgreSQL and bench/backup_restore.py drops a database: never
on the shared server on 5432, which other processes and tests use. This starts a cluster
of its own in a temporary directory, on its own port, with its socket in that directory,
and removes it at the end. As root the server runs as the `postgres` user (initdb
refuses root). No Django here: the callers run Django in their own subprocesses.
"""

import glob
import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

DEFAULT_PORT = 55437
ROOT = Path(__file__).resolve().parent.parent


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} not found: install PostgreSQL's server package")
    return path


class PrivateCluster:
    def __init__(self, port: int = DEFAULT_PORT):
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="smederijen-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)  # noqa: S603

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def database_url(self, name: str) -> str:
        return f"{self.url}/{name}"

    def __enter__(self) -> "PrivateCluster":
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            _bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync"
        )
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "stop", "-m", "immediate", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            _bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def psql(self, database: str, sql: str) -> str:
        return subprocess.run(  # noqa: S603
            [
                _bin("psql"),
                self.database_url(database),
                "-XAtq",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess:
        """pg_dump, pg_restore, createdb, dropdb against this cluster."""
        return subprocess.run(  # noqa: S603
            [_bin(name), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", *args],
            check=True,
            capture_output=True,
            text=True,
        )


def migrations_key() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("*/*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def create_migrated_database(cluster: PrivateCluster, name: str, env: dict) -> None:
    """`migrate` once, then from a dump: the two scripts of .ci/run migrate one time between
    them (a minute on a busy machine), and the dump is kept while the migrations stay the same."""
    import sys

    cache = Path(tempfile.gettempdir()) / f"smederijen-migrated-{migrations_key()}.dump"
    roles = cache.with_suffix(".roles.sql")
    cluster.tool("createdb", name)
    if cache.exists() and roles.exists():
        # The roles the migrations made (the ledger's and the audit log's maintenance roles)
        # live in the cluster, not in the dump. "postgres" exists already: psql goes on.
        cluster.tool("psql", "-Xq", "-d", "postgres", "-f", str(roles))
        cluster.tool("pg_restore", "-d", name, str(cache))
        return
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        check=True,
        cwd=ROOT,
        env={**env, "DATABASE_URL": cluster.database_url(name), "DEBUG": "1"},
    )
    cluster.tool("pg_dumpall", "--roles-only", "-f", str(roles))
    partial = cache.with_suffix(".partial")
    cluster.tool("pg_dump", "-Fc", "-f", str(partial), name)
    partial.replace(cache)


def wait_for(predicate, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False
