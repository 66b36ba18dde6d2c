"""Backup and a tested restore (issue 15, item 6; docs/deployment.md, "Backups").

    .venv/bin/python bench/backup_restore.py        # .ci/run runs it after `make test`

On a private PostgreSQL cluster (bench/pgcluster.py; never the shared server on 5432):
a migrated database with a small world in it (bench/serving_world.py: a share, grants made
through the budget service, an advance paid), then exactly the commands of the
deployment guide:

    pg_dumpall --roles-only > roles.sql            # the roles the migrations made
    pg_dump -Fc smederijen > smederijen.dump       # the database, compressed
    dropdb smederijen                              # the disaster
    createdb smederijen && psql -f roles.sql && pg_restore -d smederijen smederijen.dump

and compares, before and after: the rows of every table, and the ledger's sums (shares,
grants, payments, refunds, releases). Then `manage.py migrate --check` says the restored
schema is the code's. Exit status 1 when anything differs.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pgcluster import PrivateCluster, create_migrated_database

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NAME = "smederijen"
LEDGER = {
    "shares": "SELECT coalesce(sum(amount), 0) FROM budget_smederijshare",
    "grants": "SELECT coalesce(sum(amount), 0) FROM budget_grant",
    "payments": "SELECT coalesce(sum(amount), 0) FROM budget_payment",
    "refunds": "SELECT coalesce(sum(amount), 0) FROM budget_refund",
    "releases": "SELECT coalesce(sum(amount), 0) FROM budget_release",
}


def snapshot(cluster: PrivateCluster) -> dict[str, str]:
    tables = cluster.psql(
        NAME,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    ).split()
    counts = " UNION ALL ".join(f"SELECT '{table}', count(*) FROM \"{table}\"" for table in tables)  # noqa: S608 - names from pg_tables of our own database
    rows = dict(line.split("|") for line in cluster.psql(NAME, counts).splitlines())
    sums = {f"ledger {name}": cluster.psql(NAME, query) for name, query in LEDGER.items()}
    return {**rows, **sums}


def main() -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="smederijen-backup-"))
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("CELERY_BROKER_URL", None)
    failures = []
    with PrivateCluster() as cluster:
        env["DATABASE_URL"] = cluster.database_url(NAME)
        create_migrated_database(cluster, NAME, env)
        subprocess.run(  # noqa: S603
            [PYTHON, "bench/serving_world.py", str(work / "world.json"), "12", "8"],
            check=True,
            cwd=ROOT,
            env=env,
        )
        before = snapshot(cluster)
        dump, roles = work / f"{NAME}.dump", work / "roles.sql"
        timer = time.monotonic()
        cluster.tool("pg_dumpall", "--roles-only", "-f", str(roles))
        cluster.tool("pg_dump", "-Fc", "-f", str(dump), NAME)
        backup_seconds = time.monotonic() - timer
        cluster.tool("dropdb", NAME)
        gone = cluster.psql(
            "postgres",
            f"SELECT count(*) FROM pg_database WHERE datname = '{NAME}'",  # noqa: S608 - a constant
        )
        timer = time.monotonic()
        cluster.tool("createdb", NAME)
        cluster.tool("psql", "-Xq", "-d", "postgres", "-f", str(roles))
        cluster.tool("pg_restore", "-d", NAME, str(dump))
        restore_seconds = time.monotonic() - timer
        after = snapshot(cluster)
        migrated = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "migrate", "--check", "-v0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )

    def check(ok: bool, what: str) -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            failures.append(what)

    rows = sum(int(v) for k, v in before.items() if not k.startswith("ledger"))
    print(
        f"backup: {dump.stat().st_size // 1024} KB in {backup_seconds:.1f} s; "
        f"restore in {restore_seconds:.1f} s; {len(before) - len(LEDGER)} tables, {rows} rows"
    )
    print("ledger before: " + ", ".join(f"{k[7:]} {v}" for k, v in before.items() if "ledger" in k))
    check(gone == "0", "the database was dropped before the restore")
    differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    check(not differ, f"every table has the same rows after the restore {differ or ''}")
    check(
        all(before[k] == after[k] for k in before if k.startswith("ledger")),
        "the ledger's sums are the same (shares, grants, payments, refunds, releases)",
    )
    check(float(before["ledger grants"]) > 0, "the backup held money (grants were made)")
    check(migrated.returncode == 0, "the restored schema is the code's (migrate --check)")
    print(f"bench/backup_restore.py: {len(failures)} failed, {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
