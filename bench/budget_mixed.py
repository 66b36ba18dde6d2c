"""Benchmark: everything the budget does, at once, on one year; and whether korte klap grants
of two Smederijen wait on each other.

    DATABASE_URL=postgres://… DEBUG=1 .venv/bin/python bench/budget_mixed.py

Runs against the (migrated) PostgreSQL database in DATABASE_URL, as a role that
may maintain the ledger (a superuser or a member of smederijen_ledger_maintenance:
it removes its own rows afterwards). It makes its own budget year (an unused
one), ten Smederijen and their proposals, then

1. fires 200 mixed operations over 12 connections: korte and lange klap grants
   of many Smederijen, reallocations, share changes, split changes, payments
   and one close in the middle. Each must succeed or be refused with a
   BudgetError; errors (a deadlock, anything else) must be 0;
2. times 100 korte klap grants of one Smederij alone, then 100 while a second
   Smederij grants from its own share at the same time, in another process
   (p50/p95). The lock of a korte klap grant is its own share, so what differs
   is the machine's load, not waiting for a lock.

Exit status 1 when any operation ended in an error.
"""

import logging
import multiprocessing
import os
import random
import statistics
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from budget import services  # noqa: E402
from budget.errors import BudgetError  # noqa: E402
from budget.models import (  # noqa: E402
    BudgetYear,
    BudgetYearChange,
    Grant,
    Klap,
    Payment,
    Reallocation,
    Refund,
    Release,
    ShareChange,
    SmederijShare,
)
from projecten.models import Proposal, ProposalStatus  # noqa: E402
from smederijen.models import Smederij, User, Wijkteam  # noqa: E402
from wijken.models import Area, AreaKind  # noqa: E402

SMEDERIJEN = 10
CONNECTIONS = 12
GRANTS_TIMED = 100
TOTAL = Decimal("300000.00")
KORTE = Decimal("180000.00")
SHARE = Decimal("7500.00")


class Retries(logging.Handler):
    """Counts the deadlocks that budget/retry.py had to retry (there should be none)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def emit(self, record):
        self.count += 1


def unused_year() -> int:
    taken = set(BudgetYear.objects.values_list("year", flat=True))
    return next(year for year in range(2099, 1999, -1) if year not in taken)


@transaction.atomic
def set_up(tag: str):
    year = unused_year()
    wijkteam = Wijkteam.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
    smederijen = []
    for number in range(SMEDERIJEN + 2):  # two more for the latency runs
        area = Area.objects.create(
            name=f"Bench {tag} {number}",
            slug=f"bench-{tag}-{number}",
            kind=AreaKind.WIJK,
            inhabitants=1000,
        )
        smederijen.append(
            Smederij.objects.create(
                area=area,
                name=f"Bench {tag} {number}",
                slug=f"bench-{tag}-{number}",
                wijkteam=wijkteam,
                is_active=False,
            )
        )
    user = User.objects.create_user(
        email=f"bench-{tag}@example.org", password=None, display_name="Bench"
    )
    budget_year = services.budget_year_open(
        year=year, total=TOTAL, korte_klap_pot=KORTE, lange_klap_pot=TOTAL - KORTE, actor=user
    )
    amounts = dict.fromkeys(smederijen[:SMEDERIJEN], SHARE)
    # The latency Smederijen have room for every timed grant.
    amounts.update(dict.fromkeys(smederijen[SMEDERIJEN:], Decimal("20000.00")))
    services.shares_set(budget_year=budget_year, amounts=amounts, actor=user, reason="Bench")
    return budget_year, smederijen, user, wijkteam


def proposals(smederij, user, year, klap, amount, count, tag):
    return Proposal.objects.bulk_create(
        Proposal(
            smederij=smederij,
            submitter=user,
            klap=klap,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Bench {tag} {uuid.uuid4().hex[:8]}",
            amount_requested=amount,
            submitted_at=timezone.now(),
        )
        for _ in range(count)
    )


def grant(proposal, user):
    return services.grant_create(
        proposal=proposal,
        budget_year=proposal.year,
        klap=proposal.klap,
        smederij=proposal.smederij,
        amount=proposal.amount_requested,
        actor=user,
    )


def tear_down(budget_year, smederijen, user, wijkteam):
    """Remove every row the benchmark made, children first, as a ledger maintainer."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL smederijen.ledger_maintenance = 'on'")
        grants = Grant.objects.filter(budget_year=budget_year)
        for model in (Payment, Release, Refund):
            model.objects.filter(grant__in=grants)._raw_delete(connection.alias)
        grants._raw_delete(connection.alias)
        Reallocation.objects.filter(budget_year=budget_year)._raw_delete(connection.alias)
        ShareChange.objects.filter(share__budget_year=budget_year)._raw_delete(connection.alias)
        SmederijShare.objects.filter(budget_year=budget_year).delete()
        BudgetYearChange.objects.filter(budget_year=budget_year)._raw_delete(connection.alias)
        BudgetYear.objects.filter(pk=budget_year.pk).delete()
        Proposal.objects.filter(smederij__in=smederijen).delete()
        for smederij in smederijen:
            area = smederij.area
            smederij.delete()
            area.delete()
        wijkteam.delete()
        user.delete()


def mixed_race(budget_year, smederijen, user, tag):
    rng = random.Random(2013)  # the same mix every run
    year = budget_year.year
    paid_on = [
        grant(proposals(s, user, year, Klap.KORTE, Decimal("1000.00"), 1, tag)[0], user)
        for s in smederijen[:3]
    ]
    operations = []
    for _ in range(120):
        smederij = rng.choice(smederijen)
        amount = Decimal(rng.randrange(300, 900, 50))
        (proposal,) = proposals(smederij, user, year, Klap.KORTE, amount, 1, tag)
        operations.append(lambda proposal=proposal: grant(proposal, user))
    for proposal in proposals(smederijen[0], user, year, Klap.LANGE, Decimal("8000.00"), 20, tag):
        operations.append(lambda proposal=proposal: grant(proposal, user))
    for _ in range(25):
        source, target = rng.sample(smederijen, 2)
        operations.append(
            lambda source=source, target=target: services.share_reallocate(
                budget_year=budget_year,
                from_smederij=source,
                to_smederij=target,
                amount=Decimal("500.00"),
                actor=user,
                reason="Bench",
            )
        )
    for _ in range(15):
        smederij, amount = rng.choice(smederijen), Decimal(rng.randrange(6000, 9000, 250))
        operations.append(
            lambda smederij=smederij, amount=amount: services.shares_set(
                budget_year=budget_year, amounts={smederij: amount}, actor=user, reason="Bench"
            )
        )
    for _ in range(10):
        korte = Decimal(rng.randrange(170_000, 190_000, 1000))
        operations.append(
            lambda korte=korte: services.budget_year_change_split(
                budget_year=budget_year,
                korte_klap_pot=korte,
                lange_klap_pot=TOTAL - korte,
                actor=user,
                reason="Bench",
            )
        )
    for _ in range(9):
        paid = rng.choice(paid_on)
        operations.append(
            lambda grant=paid: services.payment_create(
                grant=grant, amount=Decimal("100.00"), actor=user
            )
        )
    rng.shuffle(operations)
    operations.insert(
        len(operations) // 2, lambda: services.budget_year_close(budget_year=budget_year)
    )

    outcomes = []
    queue, lock = list(operations), threading.Lock()
    start = threading.Barrier(CONNECTIONS)

    def work():
        try:
            start.wait(30)
            while True:
                with lock:
                    if not queue:
                        return
                    operation = queue.pop(0)
                try:
                    operation()
                    outcome = "success"
                except BudgetError:
                    outcome = "refusal"
                except Exception as error:  # counted, and printed below
                    outcome = error
                with lock:
                    outcomes.append(outcome)
        finally:
            connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


def percentiles(seconds):
    latencies = sorted(s * 1000 for s in seconds)
    return statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]


def keep_granting(beside_pk, user_pk, year, tag, stop, count):
    """In a process of its own (its own interpreter: no shared GIL), grant for another
    Smederij until told to stop."""
    connections.close_all()  # never share the parent's connection
    try:
        beside, user = Smederij.objects.get(pk=beside_pk), User.objects.get(pk=user_pk)
        for proposal in proposals(beside, user, year, Klap.KORTE, Decimal("10.00"), 1000, tag):
            if stop.is_set():
                return
            grant(proposal, user)
            with count.get_lock():
                count.value += 1
    finally:
        connections.close_all()


def timed_grants(smederij, user, year, tag, *, beside=None):
    """Time GRANTS_TIMED korte klap grants of `smederij`, one after another; with `beside`,
    another process grants for that Smederij the whole time."""
    timed = proposals(smederij, user, year, Klap.KORTE, Decimal("10.00"), GRANTS_TIMED, tag)
    forked = multiprocessing.get_context("fork")
    stop, count = forked.Event(), forked.Value("i", 0)
    process = None
    if beside is not None:
        connections.close_all()  # a forked child must not inherit an open connection
        process = forked.Process(
            target=keep_granting, args=(beside.pk, user.pk, year, tag, stop, count)
        )
        process.start()
        deadline = time.monotonic() + 10
        while count.value < 5 and time.monotonic() < deadline:  # let it get going
            time.sleep(0.01)
    seconds = []
    for proposal in timed:
        started = time.perf_counter()
        grant(proposal, user)
        seconds.append(time.perf_counter() - started)
    if process is not None:
        stop.set()
        process.join()
    return percentiles(seconds), count.value


def main() -> int:
    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    retries = Retries()
    logging.getLogger("budget.retry").addHandler(retries)
    tag = uuid.uuid4().hex[:8]
    budget_year, smederijen, user, wijkteam = set_up(tag)
    try:
        # Latencies first, while the year is open.
        alone, _ = timed_grants(smederijen[SMEDERIJEN], user, budget_year.year, tag)
        beside, other = timed_grants(
            smederijen[SMEDERIJEN], user, budget_year.year, tag, beside=smederijen[-1]
        )
        outcomes, elapsed = mixed_race(budget_year, smederijen[:SMEDERIJEN], user, tag)
        errors = [o for o in outcomes if not isinstance(o, str)]
        print(f"PostgreSQL {connection.pg_version // 10000}, budget year {budget_year.year}")
        print(f"mixed race:  {len(outcomes)} operations over {CONNECTIONS} connections")
        print(f"  successes: {outcomes.count('success')}")
        print(f"  refusals:  {outcomes.count('refusal')} (BudgetError)")
        print(f"  errors:    {len(errors)}")
        for error in errors[:5]:
            print(f"    {type(error).__name__}: {str(error).splitlines()[0]}")
        print(f"  retries:   {retries.count} (deadlocks retried by budget/retry.py)")
        print(f"  time:      {elapsed:.2f} s")
        print(f"korte klap grant, {GRANTS_TIMED} in a row, one Smederij:")
        print(f"  alone:                     p50 {alone[0]:.1f} ms, p95 {alone[1]:.1f} ms")
        print(
            f"  beside a second Smederij:  p50 {beside[0]:.1f} ms, p95 {beside[1]:.1f} ms "
            f"({other} grants of the other Smederij meanwhile)"
        )
        return 0 if not errors and len(outcomes) == 200 else 1
    finally:
        tear_down(budget_year, smederijen, user, wijkteam)


if __name__ == "__main__":
    sys.exit(main())
