"""Benchmark: every page type served by gunicorn, as a ratio to the login page (issue 12).

    .venv/bin/python bench/pages.py --database-url postgres://…/wt_bench20
    .venv/bin/python bench/pages.py --small postgres://…/wt_bench1 --large postgres://…/wt_bench20

Against a database filled by `generate_synthetic` (docs/performance.md), the script

1. collects the static files into a temporary STATIC_ROOT and starts gunicorn
   (`config.wsgi`) on 127.0.0.1 with DEBUG off, as production serves: manifest static
   files through whitenoise, two-factor login on, persistent database connections, no
   work done on request (`DUE_WORK_ON_REQUEST=0`). Only the settings module differs:
   bench/pages_server.py adds a header with the number of queries of each request;
2. writes into that database a session for each role (the synthetic people have unusable
   passwords), a confirmed TOTP device for the roles that need two-factor login (so that
   the session counts as verified and django-otp's middleware does its real work), and
   two bench accounts that the history lacks: a stuurgroep member and an administrator.
   So: run it on a COPY of the synthetic database (`createdb -T`), never on the original;
3. requests every page of PAGES many times, each right after the baseline (the login page
   of the same server), in a shuffled order per round, after a warm-up; with two databases
   both servers run at once and their requests are interleaved, so that a change in the
   machine's load falls on both sizes alike;
4. prints per page p50, p95, the ratio of the p50 to the baseline's p50, bytes and queries
   per request; with --small and --large also the growth (large p50 / small p50) and the
   verdict against the targets of issue 12.

A page whose target does not exist in a database (no election round in a first year)
shows `n/a`; a page that does not answer 200 shows its status and is left out (a page
that is not built yet, such as /cijfers/ before issue 12's dashboard).

`synthesize` makes a small benchmark database (a name starting with `bench`; it is
dropped first), as `make bench` does:

    .venv/bin/python bench/pages.py synthesize postgres://…/bench_pages_2 --years 2 \
        --proposals 1000 --supports 9000 --comments 3000 --ballots 10000
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
QUERY_COUNT_HEADER = "X-Bench-Queries"  # bench/pages_server.py sends it
BASELINE_PATH = "/accounts/login/"

# The targets of issue 12 (in the benchmark, not in timed tests).
GROWTH_LIMIT = 1.5  # p50 at the large size within 1.5x of its p50 at the small size
PAGE, ADMIN, EXPORT = "page", "admin", "export"
BASELINE_LIMITS = {PAGE: 5.0, ADMIN: 10.0, EXPORT: 5.0}  # p50 / baseline p50, large size


@dataclass(frozen=True)
class Page:
    """One page type: who asks it, and its path from the targets found in the database.

    `path` returns None when the database has nothing to show there (then: n/a)."""

    name: str
    role: str | None  # a key of ROLES; None: a visitor (no session)
    path: Callable[[dict], str | None]
    kind: str = PAGE


def _when(key: str, template: str) -> Callable[[dict], str | None]:
    """The path `template` with the target `key` filled in, None when there is none."""
    return lambda t: template.format(t[key]) if t.get(key) is not None else None


def _fixed(path: str) -> Callable[[dict], str]:
    return lambda t: path


# The page types of issue 12. Add a row to measure a new page (the role must be in ROLES,
# a new target in `targets_find`).
PAGES = [
    Page("home, visitor", None, _fixed("/")),
    Page("home, resident", "resident", _fixed("/")),
    Page("Smederij page", None, _when("smederij", "/smederijen/{}/")),
    Page(
        "Smederij's proposals, page 1", "resident", _when("smederij", "/voorstellen/smederij/{}/")
    ),
    Page(
        "Smederij's proposals, search",
        "resident",
        _when("smederij", "/voorstellen/smederij/{}/?q=speeltuin"),
    ),
    Page(
        "proposal, most comments and supports",
        "resident_busiest",
        _when("busiest", "/voorstellen/{}/"),
    ),
    Page("proposal, typical", "resident", _when("typical", "/voorstellen/{}/")),
    Page("review queue", "professional", _fixed("/voorstellen/beoordelen/")),
    Page(
        "review queue, all statuses", "professional", _fixed("/voorstellen/beoordelen/?status=all")
    ),
    Page("vote list, gebiedsregisseur", "gebiedsregisseur", _fixed("/voorstellen/stemmen/")),
    Page("election result", None, _when("round", "/voorstellen/verkiezing/{}/uitslag/")),
    Page(
        "ballots CSV of one round",
        None,
        _when("round", "/voorstellen/verkiezing/{}/stembiljetten.csv"),
        EXPORT,
    ),
    Page(
        "Pabulib export of one round",
        None,
        _when("round", "/voorstellen/verkiezing/{}/verkiezing.pb"),
        EXPORT,
    ),
    Page("admin proposal list", "beheerder", _fixed("/beheer/projecten/proposal/"), ADMIN),
    Page(
        "admin proposal search",
        "beheerder",
        _fixed("/beheer/projecten/proposal/?q=buurtfeest"),
        ADMIN,
    ),
    Page("money page", "gebiedsregisseur", _when("granted", "/voorstellen/{}/geld/")),
    Page(
        "accountings list",
        "gebiedsregisseur",
        _when("smederij", "/voorstellen/smederij/{}/verantwoordingen/"),
    ),
    Page("my overview, resident", "resident", _fixed("/smederijen/mijn-overzicht/")),
    Page("my overview, initiatiefgroep", "initiatiefgroep", _fixed("/smederijen/mijn-overzicht/")),
    Page("my overview, professional", "professional", _fixed("/smederijen/mijn-overzicht/")),
    Page(
        "my overview, gebiedsregisseur", "gebiedsregisseur", _fixed("/smederijen/mijn-overzicht/")
    ),
    Page("my overview, stuurgroep", "stuurgroep", _fixed("/smederijen/mijn-overzicht/")),
    Page("dashboard", "stuurgroep", _fixed("/cijfers/")),
]

ROLES = (
    "resident",  # lives in the Smederij with the most proposals
    "resident_busiest",  # lives in the Smederij of the busiest proposal
    "initiatiefgroep",
    "professional",  # in the wijkteam that covers that Smederij
    "gebiedsregisseur",  # of that wijkteam
    "stuurgroep",  # a bench account: the history has no stuurgroep
    "beheerder",  # a bench account: a superuser for the admin
)
BENCH_EMAIL_DOMAIN = "bench.example.org"


# --- statistics and verdicts (pure: tests/bench/test_pages_script.py) --------------------


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with `pct` percent at or below it."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    status: int | None = None  # the first answer's status when it was not 200

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 95)

    def queries_text(self) -> str:
        values = sorted(set(self.queries), key=lambda q: (len(q), q))
        if not values:
            return "–"
        return values[0] if len(values) == 1 else f"{values[0]}–{values[-1]}"

    def size_text(self) -> str:
        return format_size(statistics.median(self.sizes)) if self.sizes else "–"


def format_size(size: float) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size:.0f} B"


def format_ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}"


def format_ratio(ratio: float) -> str:
    return f"{ratio:,.0f}x" if ratio >= 100 else f"{ratio:.1f}x"


def verdict(kind: str, *, growth: float | None, ratio: float | None) -> str:
    """PASS when the large size's p50 is flat against the small one and within the page
    kind's multiple of the baseline; FAIL says which target it misses."""
    if growth is None or ratio is None:
        return "n/a"
    missed = []
    if growth > GROWTH_LIMIT:
        missed.append(f"growth > {GROWTH_LIMIT:g}x")
    limit = BASELINE_LIMITS[kind]
    if ratio > limit:
        missed.append(f"> {limit:g}x login")
    return "PASS" if not missed else "FAIL (" + ", ".join(missed) + ")"


# --- the database side: targets and sessions (runs in a child with the server's settings) -


def targets_find() -> dict:
    """The objects the pages show, chosen the same way in every database."""
    from django.db.models import Case, Count, F, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    from projecten.models import Ballot, Comment, ElectionRound, Proposal, ProposalStatus, Support
    from projecten.workflow import FUNDED_STATUSES, HANDED_IN_STATUSES
    from smederijen.models import Smederij

    smederij = (
        Smederij.objects.active()
        .annotate(proposal_count=Count("proposals"))
        .order_by("-proposal_count", "pk")
        .first()
    )
    if smederij is None or smederij.proposal_count == 0:
        raise SystemExit("This database has no proposals: fill it with generate_synthetic.")
    handed_in = Proposal.objects.filter(status__in=HANDED_IN_STATUSES)

    # The busiest proposal anywhere: the most supports and comments together.
    def top(model):
        rows = (
            model.objects.filter(proposal__status__in=HANDED_IN_STATUSES)
            .values_list("proposal")
            .annotate(n=Count("pk"))
            .order_by("-n")[:200]
        )
        return dict(rows)

    # The candidates' exact counts, each by its own subquery (a join would multiply them).
    candidates = set(top(Support)) | set(top(Comment))

    def counted_by(model):
        return Subquery(
            model.objects.filter(proposal=OuterRef("pk"))
            .values("proposal")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )

    ranked = (
        Proposal.objects.filter(pk__in=candidates)
        .annotate(
            n_supports=Coalesce(counted_by(Support), 0),
            n_comments=Coalesce(counted_by(Comment), 0),
        )
        .order_by((F("n_supports") + F("n_comments")).desc(), "pk")
        .first()
    )
    busiest = ranked.pk if ranked else None

    # A typical one: the median of supports among the Smederij's handed-in proposals.
    counted = sorted(
        handed_in.filter(smederij=smederij).annotate(n=Count("supports")).values_list("n", "pk")
    )
    typical = counted[len(counted) // 2][1] if counted else None

    # The money page of the newest project in progress (payments still to come), else of
    # the newest funded one (a small database may have none in progress).
    granted = (
        Proposal.objects.filter(smederij=smederij, status__in=FUNDED_STATUSES)
        .order_by(Case(When(status=ProposalStatus.IN_PROGRESS, then=0), default=1), "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    # Every counted round with its ballots: `rounds_match` picks the one to measure.
    round_sizes = sorted(
        Ballot.objects.filter(election_round__counted_at__isnull=False)
        .values_list("election_round")
        .annotate(n=Count("pk"))
        .values_list("n", "election_round")
    )
    return {
        "smederij": smederij.slug,
        "smederij_pk": smederij.pk,
        "smederij_proposals": smederij.proposal_count,
        "busiest": busiest,
        "busiest_smederij_pk": ranked.smederij_id if ranked else None,
        "busiest_supports": ranked.n_supports if ranked else 0,
        "busiest_comments": ranked.n_comments if ranked else 0,
        "typical": typical,
        "granted": granted,
        "round_sizes": round_sizes,
        "rounds": ElectionRound.objects.count(),
        "proposals": Proposal.objects.count(),
    }


def rounds_match(targets: list[dict]) -> None:
    """The election round of each database: in each, the counted round closest in ballots
    to the smallest of the databases' biggest rounds (one database: its biggest). So one round of the same size is compared: the cost
    of one round against a longer history, not of a bigger round."""
    with_rounds = [t for t in targets if t["round_sizes"]]
    for t in targets:
        t["round"], t["round_ballots"] = None, 0  # a first year has no election: n/a
    if not with_rounds:
        return
    common = min(max(n for n, _ in t["round_sizes"]) for t in with_rounds)
    for t in with_rounds:
        n, pk = min(t["round_sizes"], key=lambda size: (abs(size[0] - common), size[1]))
        t["round"], t["round_ballots"] = pk, n


def users_find(targets: dict) -> dict:
    """A user for every role of ROLES (two bench accounts created when missing)."""
    from smederijen.models import (
        GebiedsregisseurAssignment,
        InitiatiefgroepMembership,
        Organisation,
        Smederij,
        StuurgroepMembership,
        StuurgroepSeat,
        User,
        WijkteamMembership,
    )

    smederij = Smederij.objects.get(pk=targets["smederij_pk"])
    members = set(InitiatiefgroepMembership.objects.values_list("user", flat=True))

    def resident_of(smederij_pk):
        area = Smederij.objects.get(pk=smederij_pk).area_id
        # A resident with proposals of their own, not in the initiatiefgroep.
        return (
            User.objects.filter(home_area=area, is_active=True, proposals__isnull=False)
            .exclude(pk__in=members)
            .order_by("pk")
            .first()
            or User.objects.filter(home_area=area, is_active=True).order_by("pk").first()
        )

    users = {
        "resident": resident_of(smederij.pk),
        "resident_busiest": resident_of(targets["busiest_smederij_pk"] or smederij.pk),
        "initiatiefgroep": User.objects.filter(initiatiefgroep_memberships__smederij=smederij)
        .order_by("pk")
        .first(),
        "professional": WijkteamMembership.objects.filter(wijkteam=smederij.wijkteam_id)
        .order_by("pk")
        .first(),
        "gebiedsregisseur": GebiedsregisseurAssignment.objects.filter(wijkteam=smederij.wijkteam_id)
        .order_by("pk")
        .first(),
    }
    for role in ("professional", "gebiedsregisseur"):
        users[role] = users[role].user if users[role] else None

    stuurgroep, _ = User.objects.get_or_create(
        email=f"stuurgroep@{BENCH_EMAIL_DOMAIN}",
        defaults={"display_name": "Bench stuurgroep", "password": "!bench"},
    )
    if not StuurgroepMembership.objects.filter(user=stuurgroep).exists():
        StuurgroepMembership.objects.create(
            user=stuurgroep,
            seat=StuurgroepSeat.PARTNER,
            organisation=Organisation.objects.order_by("pk").first(),
        )
    beheerder, _ = User.objects.get_or_create(
        email=f"beheerder@{BENCH_EMAIL_DOMAIN}",
        defaults={
            "display_name": "Bench beheerder",
            "password": "!bench",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    users["stuurgroep"], users["beheerder"] = stuurgroep, beheerder
    missing = [role for role in ROLES if users.get(role) is None]
    if missing:
        raise SystemExit(f"No user for {', '.join(missing)} in this database.")
    return users


def session_create(user) -> str:
    """A logged-in session as django.contrib.auth.login writes it, verified by a TOTP device
    for the roles that need two-factor login (decision: docs/performance.md)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from smederijen.twofactor.services import needs_two_factor

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if needs_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, name="bench", confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return session.session_key


def prepare() -> dict:
    """Child process (`pages.py _prepare`): targets and one session per role, as JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    targets = targets_find()
    users = users_find(targets)
    return {
        "targets": targets,
        "cookie": settings.SESSION_COOKIE_NAME,
        "sessions": {role: session_create(user) for role, user in users.items()},
        "users": {role: user.email for role, user in users.items()},
    }


# --- the server -----------------------------------------------------------------------------


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def server_env(database_url: str, *, static_root: str, secret_key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CELERY_BROKER_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="pages_server",
        PYTHONPATH=os.pathsep.join([str(BENCH_DIR), str(ROOT)]),
        DEBUG="0",
        SECRET_KEY=secret_key,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to https. Everything else as in production.
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=static_root,
        # With a broker, beat does the timed work; a page never does it on request.
        DUE_WORK_ON_REQUEST="0",
        LOG_LEVEL="WARNING",
    )
    return env


def static_collect(static_root: str, secret_key: str) -> None:
    env = server_env("sqlite://:memory:", static_root=static_root, secret_key=secret_key)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@dataclass
class Server:
    label: str
    database_url: str
    port: int
    process: subprocess.Popen | None = None
    prepared: dict = field(default_factory=dict)
    log: object = None

    def cookie_for(self, role: str | None) -> str | None:
        if role is None:
            return None
        return f"{self.prepared['cookie']}={self.prepared['sessions'][role]}"


def server_prepare(server: Server, env: dict[str, str]) -> None:
    out = subprocess.run(  # noqa: S603 - our own child, no shell
        [sys.executable, str(Path(__file__).resolve()), "_prepare"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    server.prepared = json.loads(out.stdout.strip().splitlines()[-1])


def server_start(server: Server, env: dict[str, str], *, workers: int) -> None:
    server.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by server_stop
    server.process = subprocess.Popen(  # noqa: S603 - our own child, no shell
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{server.port}",
            "--workers",
            str(workers),
            "--chdir",
            str(ROOT),
            "--pythonpath",
            str(BENCH_DIR),
            # A 20-year page may take long before its fix; it must be measured, not killed.
            "--timeout",
            "900",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=server.log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.log.seek(0)
            raise SystemExit(f"gunicorn on port {server.port} stopped:\n{server.log.read()}")
        try:
            if fetch(server.port, BASELINE_PATH).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn on port {server.port} did not answer within 60 s")


def server_stop(server: Server) -> None:
    if server.process and server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
    if server.log:
        server.log.close()


# --- the client -----------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    seconds: float
    size: int
    queries: str


def fetch(port: int, path: str, cookie: str | None = None) -> Response:
    """One GET on a new connection (gunicorn's sync workers close each one), body read."""
    headers = {"Host": "127.0.0.1", "Accept-Language": "nl"}
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    try:
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        seconds = time.perf_counter() - start
    finally:
        connection.close()
    return Response(
        response.status, seconds, len(body), response.getheader(QUERY_COUNT_HEADER, "?")
    )


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


BASELINE = Page("login (baseline)", None, _fixed(BASELINE_PATH))


def measure(
    servers: list[Server],
    pages: list[Page],
    *,
    requests: int,
    warmup: int,
    budget: float,
    seed: int,
    log=print,
) -> dict[tuple[str, str], Samples]:
    """Every page `warmup + requests` times on every server, each right after the baseline,
    in a new shuffled order each round. A page that has used `budget` seconds on a server
    stops there once it has three samples (a slow page must not take the run hostage)."""
    rng = random.Random(seed)  # the order, reproducibly
    results: dict[tuple[str, str], Samples] = {}
    paths: dict[tuple[str, str], str] = {}
    for server in servers:
        results[server.label, BASELINE.name] = Samples()
        for page in pages:
            samples = results[server.label, page.name] = Samples()
            path = page.path(server.prepared["targets"])
            if path is None:
                continue
            first = fetch(server.port, path, server.cookie_for(page.role))
            if first.status != 200:
                samples.status = first.status
                log(f"  {server.label}: {page.name} ({path}) answers {first.status}; left out")
                continue
            paths[server.label, page.name] = path
    spent = dict.fromkeys(paths, 0.0)
    by_label = {server.label: server for server in servers}
    pages_by_name = {page.name: page for page in pages}
    started = time.monotonic()
    for round_no in range(warmup + requests):
        counted = round_no >= warmup
        order = list(paths)
        rng.shuffle(order)
        for label, name in order:
            samples = results[label, name]
            if spent[label, name] > budget and len(samples.seconds) >= 3:
                continue
            server, page = by_label[label], pages_by_name[name]
            base = fetch(server.port, BASELINE_PATH)
            got = fetch(server.port, paths[label, name], server.cookie_for(page.role))
            spent[label, name] += got.seconds
            if got.status != 200:
                raise SystemExit(f"{label}: {name} answered {got.status} in round {round_no}")
            if counted:
                for target, response in ((results[label, BASELINE.name], base), (samples, got)):
                    target.seconds.append(response.seconds)
                    target.sizes.append(response.size)
                    target.queries.append(response.queries)
        log(
            f"  round {round_no + 1}/{warmup + requests}{'' if counted else ' (warm-up)'}, "
            f"{time.monotonic() - started:.0f} s"
        )
    return results


# --- the report -----------------------------------------------------------------------------


def ratio_to_baseline(results, label: str, name: str) -> float | None:
    samples, base = results[label, name], results[label, BASELINE.name]
    if not samples.seconds or not base.seconds:
        return None
    return samples.p50 / base.p50


def table_one(results, label: str, pages: list[Page]) -> list[str]:
    lines = [
        "| page | p50 ms | p95 ms | x login | bytes | queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for page in [BASELINE, *pages]:
        samples = results[label, page.name]
        if not samples.seconds:
            why = f"HTTP {samples.status}" if samples.status else "n/a"
            lines.append(f"| {page.name} | {why} | | | | |")
            continue
        lines.append(
            f"| {page.name} | {format_ms(samples.p50)} | {format_ms(samples.p95)} "
            f"| {format_ratio(ratio_to_baseline(results, label, page.name))} "
            f"| {samples.size_text()} | {samples.queries_text()} |"
        )
    return lines


def table_two(results, small: str, large: str, pages: list[Page]) -> list[str]:
    lines = [
        f"| page | {small} p50 ms | x login | {large} p50 ms | {large} p95 ms | x login | growth "
        "| bytes | queries | target | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]

    def cells(label, name):
        samples = results[label, name]
        if not samples.seconds:
            return None, (f"HTTP {samples.status}" if samples.status else "n/a")
        return samples, None

    for page in [BASELINE, *pages]:
        s, s_why = cells(small, page.name)
        g, g_why = cells(large, page.name)
        s_ratio = ratio_to_baseline(results, small, page.name)
        g_ratio = ratio_to_baseline(results, large, page.name)
        growth = g.p50 / s.p50 if s and g else None
        target = (
            "–" if page is BASELINE else f"{GROWTH_LIMIT:g}x, {BASELINE_LIMITS[page.kind]:g}x login"
        )
        result = "–" if page is BASELINE else verdict(page.kind, growth=growth, ratio=g_ratio)
        sizes = " / ".join(x.size_text() if x else "–" for x in (s, g))
        queries = " / ".join(x.queries_text() if x else "–" for x in (s, g))
        lines.append(
            f"| {page.name} "
            f"| {format_ms(s.p50) if s else s_why} | {format_ratio(s_ratio) if s else ''} "
            f"| {format_ms(g.p50) if g else g_why} | {format_ms(g.p95) if g else ''} "
            f"| {format_ratio(g_ratio) if g else ''} "
            f"| {format_ratio(growth) if growth else '–'} | {sizes} | {queries} "
            f"| {target} | {result} |"
        )
    return lines


def describe_targets(server: Server) -> str:
    t = server.prepared["targets"]
    return (
        f"{server.label}: {database_name(server.database_url)}, {t['proposals']:,} proposals; "
        f"Smederij {t['smederij']} ({t['smederij_proposals']:,} proposals); busiest proposal "
        f"{t['busiest']} ({t['busiest_supports']:,} supports, {t['busiest_comments']:,} "
        f"comments); typical {t['typical']}; money page of {t['granted']}; election round "
        f"{t['round']} ({t['round_ballots']:,} ballots; {t['rounds']} rounds in all)"
    )


# --- the command line -----------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Every page type under gunicorn, against synthetic databases (issue 12)."
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--database-url", help="one database (a copy: the script writes sessions)")
    group.add_argument("--small", help="the small database (with --large: growth and verdicts)")
    parser.add_argument("--large", help="the large database")
    parser.add_argument("--requests", type=int, default=20, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="rounds not measured, first")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--port", type=int, default=8102, help="the (small) server's port")
    parser.add_argument("--large-port", type=int, help="the large server's port (port + 10)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="seconds a page may use per server before it stops at three samples",
    )
    parser.add_argument(
        "--page",
        dest="pages",
        action="append",
        help="only the pages whose name contains this (again for more)",
    )
    parser.add_argument("--seed", type=int, default=1, help="the shuffled order's seed")
    parser.add_argument("--json", help="also write the samples to this file")
    args = parser.parse_args(argv)
    if args.small and not args.large:
        parser.error("--small needs --large")
    if args.large and not args.small:
        parser.error("--large needs --small")
    if args.requests < 1 or args.workers < 1 or args.warmup < 0:
        parser.error("--requests and --workers must be at least 1, --warmup at least 0")
    if args.large_port is None:
        args.large_port = args.port + 10
    return args


def pages_chosen(selection: list[str] | None) -> list[Page]:
    if not selection:
        return list(PAGES)
    words = [word.strip().lower() for word in selection if word.strip()]
    chosen = [page for page in PAGES if any(word in page.name.lower() for word in words)]
    if not chosen:
        raise SystemExit(f"No page matches {selection!r}.")
    return chosen


def run(args: argparse.Namespace, log=print) -> dict[tuple[str, str], Samples]:
    if args.database_url:
        plan = [("db", args.database_url, args.port)]
    else:
        plan = [("small", args.small, args.port), ("large", args.large, args.large_port)]
    for _label, _url, port in plan:
        if not port_free(port):
            raise SystemExit(f"Port {port} is in use.")
    pages = pages_chosen(args.pages)
    secret_key = secrets.token_urlsafe(40)
    static_root = tempfile.mkdtemp(prefix="bench-pages-static-")
    servers = [Server(label, url, port) for label, url, port in plan]
    load_before = os.getloadavg()
    started = time.monotonic()
    try:
        log("collecting static files (DEBUG off: hashed names from the manifest)")
        static_collect(static_root, secret_key)
        for server in servers:
            env = server_env(server.database_url, static_root=static_root, secret_key=secret_key)
            log(
                f"preparing {server.label}: targets, sessions ({database_name(server.database_url)})"
            )
            server_prepare(server, env)
            log(f"starting gunicorn for {server.label} on 127.0.0.1:{server.port}")
            server_start(server, env, workers=args.workers)
        rounds_match([server.prepared["targets"] for server in servers])
        for server in servers:
            log(describe_targets(server))
        results = measure(
            servers,
            pages,
            requests=args.requests,
            warmup=args.warmup,
            budget=args.budget,
            seed=args.seed,
            log=log,
        )
    finally:
        for server in servers:
            server_stop(server)
        shutil.rmtree(static_root, ignore_errors=True)
    load_after = os.getloadavg()
    log("")
    log(
        f"{args.requests} requests per page after {args.warmup} warm-up rounds, gunicorn "
        f"--workers {args.workers} per server, {time.monotonic() - started:.0f} s; load "
        f"average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    log("")
    if len(servers) == 1:
        lines = table_one(results, "db", pages)
    else:
        lines = table_two(results, "small", "large", pages)
    for line in lines:
        log(line)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "targets": {s.label: s.prepared["targets"] for s in servers},
                    "samples": {
                        f"{label}/{name}": vars(samples)
                        for (label, name), samples in results.items()
                    },
                },
                indent=1,
            )
        )
    return results


# --- `synthesize`: the small databases of `make bench` -------------------------------------


def synthesize(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="pages.py synthesize")
    parser.add_argument("database_url", help="postgres://…/bench_… (dropped and made anew)")
    for name, default in (
        ("years", 2),
        ("proposals", 1000),
        ("supports", 9000),
        ("comments", 3000),
        ("ballots", 10000),
        ("seed", 1),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args(argv)
    name = database_name(args.database_url)
    if not name.startswith("bench"):
        parser.error("the database's name must start with 'bench' (it is dropped first)")
    import psycopg
    from psycopg import sql

    parsed = urlparse(args.database_url)
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": args.database_url}
    env.pop("CELERY_BROKER_URL", None)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["seed"],
        [
            "generate_synthetic",
            *(
                f"--{key}={getattr(args, key)}"
                for key in ("years", "proposals", "supports", "comments", "ballots", "seed")
            ),
        ],
    ):
        with contextlib.redirect_stdout(sys.stderr):
            print(f"{name}: manage.py {' '.join(command)}", flush=True)
        subprocess.run(  # noqa: S603 - manage.py, no shell
            [*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


def main(argv: list[str]) -> None:
    if argv[:1] == ["_prepare"]:
        print(json.dumps(prepare()))
        return
    if argv[:1] == ["synthesize"]:
        synthesize(argv[1:])
        return
    run(parse_args(argv), log=lambda line: print(line, flush=True))


if __name__ == "__main__":
    main(sys.argv[1:])
