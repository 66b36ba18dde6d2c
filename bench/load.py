"""Load test: residents, professionals, gebiedsregisseurs and stuurgroep members against
gunicorn on loopback with PostgreSQL, then 20 approvals and 20 ballots at the same moment.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_load_template \\
        .venv/bin/python bench/load.py [--users 50] [--duration 60] [--port 8107] [--workers 4]

DATABASE_URL names a database filled by `migrate`, `seed` and `generate_synthetic` (the
small size of docs/performance.md is enough); it is only read: every run copies it
(CREATE DATABASE … TEMPLATE), adds its people and sessions there (bench/load_world.py, in
its own process: this one imports locust first, whose gevent patches the standard
library before anything else loads), serves the copy with gunicorn (config/gunicorn.conf.py,
DEBUG off, collected static files, Redis as broker and cache) and drops it at the end.

1. Mixed load for --duration seconds: --users people (60% residents, 16% professionals,
   12% gebiedsregisseurs, 12% stuurgroep members) each open a page of their role, pause
   1 to 3 s, open the next. Targets: 0 errors, p95 < 300 ms, p99 < 1 s.
2. Burst: 20 gebiedsregisseurs approve 20 proposals and 20 residents cast a ballot, all
   started at the same moment. Target: p95 < 500 ms for the approval and ballot requests,
   and afterwards exactly 20 approvals and 20 ballots in the database.

Prints requests per second, p50/p95/p99 and errors per endpoint; exit status 1 when a
target is missed.
"""

import locust  # noqa: I001 - first: gevent patches the standard library (locust docs)

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import gevent
from gevent.event import Event
from locust import HttpUser, between, task
from locust.env import Environment
from locust.exception import StopUser

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

MIX = {"resident": 30, "professional": 8, "gebiedsregisseur": 6, "stuurgroep": 6}
TARGET_P95_MS, TARGET_P99_MS, TARGET_BURST_P95_MS = 300, 1000, 500

WORLD: dict = {}
SAMPLES: dict[str, list[float]] = defaultdict(list)
ERRORS: dict[str, list[str]] = defaultdict(list)
_next: dict[str, int] = defaultdict(int)


def take(role: str) -> dict:
    people = WORLD[role]
    person = people[_next[role] % len(people)]
    _next[role] += 1
    return person


def endpoint(path: str) -> str:
    """/voorstellen/123/beslissen/ -> /voorstellen/<pk>/beslissen/, one row per page kind."""
    return re.sub(r"/\d+/", "/<pk>/", path)


def on_request(request_type, name, response_time, response_length, exception, **kwargs):
    SAMPLES[name].append(response_time)
    if exception is not None:
        ERRORS[name].append(str(exception)[:120])


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self):
        self.person = take(self.role)
        self.headers = {"Cookie": f"sessionid={self.person['session']}; csrftoken={WORLD['csrf']}"}

    @task
    def open_a_page(self):
        path = self.person["pages"][_next["page"] % len(self.person["pages"])]
        _next["page"] += 1
        name = f"{self.role} GET {endpoint(path)}"
        with self.client.get(
            path, headers=self.headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


def role_user(role: str, count: int) -> type:
    return type(f"{role.title()}User", (Person,), {"role": role, "fixed_count": count})


START = Event()


class Approver(HttpUser):
    """Opens the decision page, waits for the others, approves."""

    fixed_count = 20
    wait_time = between(0, 0)

    def on_start(self):
        self.person = take("approvals")
        self.headers = {"Cookie": f"sessionid={self.person['session']}; csrftoken={WORLD['csrf']}"}

    @task
    def approve(self):
        url = self.person["decision"]
        self.client.get(url, headers=self.headers, name="burst GET decision page")
        START.wait()
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": WORLD["csrf"],
                "action": "approve",
                "approve-amount": "1,00",
                "approve-conditions": "",
                "approve-motivation": "",
            },
            headers=self.headers,
            name="burst POST approve",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")
        raise StopUser


class Voter(HttpUser):
    """Opens the ballot, waits for the others, reviews and confirms the choice."""

    fixed_count = 20
    wait_time = between(0, 0)

    def on_start(self):
        self.person = take("ballots")
        self.headers = {"Cookie": f"sessionid={self.person['session']}; csrftoken={WORLD['csrf']}"}

    @task
    def vote(self):
        data = {
            "csrfmiddlewaretoken": WORLD["csrf"],
            "ideas": [str(pk) for pk in self.person["ideas"]],
            "age_confirmed": "on",
        }
        self.client.get(self.person["ballot"], headers=self.headers, name="burst GET ballot")
        START.wait()
        with self.client.post(
            self.person["ballot"],
            data=data,
            headers=self.headers,
            name="burst POST ballot (review)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
        with self.client.post(
            self.person["confirm"],
            data=data,
            headers=self.headers,
            name="burst POST ballot (confirm)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "ontvangstbewijs" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"status {response.status_code}")
        raise StopUser


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(title: str, seconds: float, names: list[str]) -> dict:
    print(f"\n{title} ({seconds:.0f} s)")
    print(f"{'endpoint':<58} {'reqs':>6} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4}")
    every = []
    for name in sorted(names):
        values = SAMPLES[name]
        every += values
        print(
            f"{name:<58} {len(values):>6} {len(values) / seconds:>6.1f} "
            f"{percentile(values, 0.5):>6.0f} {percentile(values, 0.95):>6.0f} "
            f"{percentile(values, 0.99):>6.0f} {len(ERRORS[name]):>4}"
        )
    errors = sum(len(ERRORS[n]) for n in names)
    total = {
        "requests": len(every),
        "rps": len(every) / seconds,
        "p50": percentile(every, 0.5),
        "p95": percentile(every, 0.95),
        "p99": percentile(every, 0.99),
        "mean": statistics.fmean(every) if every else 0.0,
        "errors": errors,
    }
    print(
        f"{'all':<58} {total['requests']:>6} {total['rps']:>6.1f} {total['p50']:>6.0f} "
        f"{total['p95']:>6.0f} {total['p99']:>6.0f} {errors:>4}   (ms)"
    )
    for name in names:
        for message in sorted(set(ERRORS[name]))[:3]:
            print(f"  error {name}: {message}")
    return total


def with_database(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


def psql(url: str, sql: str) -> str:
    return subprocess.run(  # noqa: S603 - our own fixed command
        ["psql", url, "-XAtq", "-c", sql],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def wait_ready(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not become ready")


def warm_up(host: str, workers: int) -> None:
    """Every kind of page a few times per worker before anything is counted: a worker's
    first request compiles the templates and builds the URL resolver."""
    seen = {}
    for role in MIX:
        for person in WORLD[role][:3]:
            for path in person["pages"]:
                seen.setdefault(endpoint(path), (path, person["session"]))
    for path, session in seen.values():
        for _ in range(workers * 2):
            request = urllib.request.Request(  # noqa: S310 - our own loopback server
                host + path, headers={"Cookie": f"sessionid={session}"}
            )
            with contextlib.suppress(OSError):
                urllib.request.urlopen(request, timeout=30).close()  # noqa: S310


def run_phase(env_users: list[type], count: int, spawn_rate: float, host: str, seconds=None):
    env = Environment(user_classes=env_users, host=host, events=locust.events)
    runner = env.create_local_runner()
    runner.start(count, spawn_rate=spawn_rate)
    started = time.monotonic()
    if seconds is not None:
        gevent.sleep(seconds)
        runner.quit()
    else:
        # The burst: every user has opened its page; then all go at once.
        gevent.sleep(2)
        while len(SAMPLES["burst GET decision page"]) + len(SAMPLES["burst GET ballot"]) < count:
            if time.monotonic() - started > 60:
                break
            gevent.sleep(0.1)
        started = time.monotonic()
        START.set()
        while (
            len(SAMPLES["burst POST approve"]) < 20
            or len(SAMPLES["burst POST ballot (confirm)"]) < 20
        ) and time.monotonic() - started < 60:
            gevent.sleep(0.05)
        runner.quit()
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    template_url = os.environ.get("DATABASE_URL", "")
    if not template_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name the PostgreSQL database to copy")
    template = urlparse(template_url).path.lstrip("/")
    copy = f"{template}_run"
    admin_url = with_database(template_url, "postgres")
    run_url = with_database(template_url, copy)
    psql(admin_url, f'DROP DATABASE IF EXISTS "{copy}"')
    psql(admin_url, f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')

    work = Path(tempfile.mkdtemp(prefix="smederijen-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": run_url,
        "DEBUG": "0",
        "SECRET_KEY": "load-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(work / "static"),
        "CELERY_BROKER_URL": os.environ.get("LOAD_BROKER_URL", "redis://127.0.0.1:6379/7"),
        "CACHE_URL": os.environ.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/8"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WEB_BIND": f"127.0.0.1:{args.port}",
        "WEB_WORKERS": str(args.workers),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    world_file = work / "world.json"
    subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "bench" / "load_world.py"), str(world_file)],
        check=True,
        cwd=ROOT,
        env={**env, "DEBUG": "1"},
    )
    WORLD.update(json.loads(world_file.read_text()))
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], check=True, cwd=ROOT, env=env
    )
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen(  # noqa: S603
        [GUNICORN, "-c", "config/gunicorn.conf.py"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    host = f"http://127.0.0.1:{args.port}"
    ok = True
    try:
        wait_ready(host)
        warm_up(host, args.workers)
        locust.events.request.add_listener(on_request)
        print(
            f"load: {args.users} users for {args.duration} s against gunicorn "
            f"({args.workers} workers) on {host}, database {copy}"
        )
        scale = args.users / sum(MIX.values())
        users = [role_user(role, max(1, round(n * scale))) for role, n in MIX.items()]
        count = sum(u.fixed_count for u in users)
        seconds = run_phase(users, count, spawn_rate=count / 5, host=host, seconds=args.duration)
        mixed = report(
            f"Mixed load, {count} users pausing 1-3 s",
            seconds,
            [n for n in SAMPLES if not n.startswith("burst")],
        )
        voters_sql = "SELECT count(*) FROM projecten_ballotvoter"
        voters_before = int(psql(run_url, voters_sql))
        seconds = run_phase([Approver, Voter], 40, spawn_rate=40, host=host)
        burst_names = [n for n in SAMPLES if n.startswith("burst POST")]
        burst = report("Burst: 20 approvals and 20 ballots at once", seconds, burst_names)
        approved = int(
            psql(
                run_url,
                "SELECT count(*) FROM projecten_proposal WHERE title LIKE 'Belastingproef %' "
                "AND status = 'approved'",
            )
        )
        cast = int(psql(run_url, voters_sql)) - voters_before
        print(f"\nin the database: {approved} of 20 approved, {cast} ballot voters (20 expected)")
        checks = {
            "mixed: 0 errors": mixed["errors"] == 0,
            f"mixed: p95 < {TARGET_P95_MS} ms": mixed["p95"] < TARGET_P95_MS,
            f"mixed: p99 < {TARGET_P99_MS} ms": mixed["p99"] < TARGET_P99_MS,
            "burst: 0 errors": burst["errors"] == 0,
            f"burst: p95 < {TARGET_BURST_P95_MS} ms": burst["p95"] < TARGET_BURST_P95_MS,
            "burst: 20 approvals and 20 ballots stored": approved == 20 and cast == 20,
        }
        for name, passed in checks.items():
            print(f"{'ok  ' if passed else 'FAIL'} {name}")
        ok = all(checks.values())
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        psql(admin_url, f'DROP DATABASE IF EXISTS "{copy}"')
    if not ok:
        print(f"gunicorn's log: {work / 'gunicorn.log'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
