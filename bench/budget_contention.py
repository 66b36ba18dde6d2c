"""Benchmark: many grants at the same moment on one Smederij's korte klap share.

    DATABASE_URL=postgres://… DEBUG=1 .venv/bin/python bench/budget_contention.py

Runs against the (migrated) PostgreSQL database in DATABASE_URL. It makes its
own budget year (an unused one), Smederij, area, wijkteam, user and proposals,
fires 200 grant attempts over 20 connections at a share that holds half of
what they ask, prints what happened, and deletes everything it made (the
ledger is append-only for the application; the benchmark removes its own rows
directly), so the database is left as it was found.
"""

import os
import statistics
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
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
    ShareChange,
    SmederijShare,
)
from budget.money import format_euro  # noqa: E402
from budget.selectors import budget_year_balances  # noqa: E402
from projecten.models import Klap, Proposal, ProposalStatus  # noqa: E402
from smederijen.models import Smederij, User, Wijkteam  # noqa: E402
from wijken.models import Area, AreaKind  # noqa: E402

ATTEMPTS = 200
CONNECTIONS = 20
SHARE = Decimal("10000.00")
ASK = Decimal("100.00")  # 200 × € 100 = € 20.000: twice the share


def unused_year() -> int:
    taken = set(BudgetYear.objects.values_list("year", flat=True))
    return next(year for year in range(2099, 1999, -1) if year not in taken)


@transaction.atomic
def set_up(tag: str):
    year = unused_year()
    wijkteam = Wijkteam.objects.create(name=f"Bench {tag}", slug=f"bench-{tag}")
    area = Area.objects.create(
        name=f"Bench {tag}", slug=f"bench-{tag}", kind=AreaKind.WIJK, inhabitants=1000
    )
    smederij = Smederij.objects.create(
        area=area, name=f"Bench {tag}", slug=f"bench-{tag}", wijkteam=wijkteam, is_active=False
    )
    user = User.objects.create_user(
        email=f"bench-{tag}@example.org", password=None, display_name="Bench"
    )
    budget_year = services.budget_year_open(
        year=year, total=SHARE, korte_klap_pot=SHARE, lange_klap_pot="0", actor=user
    )
    services.shares_set(
        budget_year=budget_year, amounts={smederij: SHARE}, actor=user, reason="Benchmark"
    )
    decided_at = timezone.now().replace(year=year)
    proposals = Proposal.objects.bulk_create(
        Proposal(
            smederij=smederij,
            submitter=user,
            klap=Klap.KORTE,
            year=year,
            status=ProposalStatus.DECIDING,
            title=f"Bench {tag} {number}",
            amount_requested=ASK,
            submitted_at=decided_at,
        )
        for number in range(ATTEMPTS)
    )
    return budget_year, smederij, user, proposals, decided_at


def tear_down(budget_year, smederij, user):
    """Remove every row the benchmark made, children first.

    The ledger refuses deletes (migration budget 0005); the benchmark says it
    is doing maintenance on its own rows, for this transaction only.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL smederijen.ledger_maintenance = 'on'")
        Grant.objects.filter(budget_year=budget_year)._raw_delete(connection.alias)
        ShareChange.objects.filter(share__budget_year=budget_year)._raw_delete(connection.alias)
        SmederijShare.objects.filter(budget_year=budget_year).delete()
        BudgetYearChange.objects.filter(budget_year=budget_year)._raw_delete(connection.alias)
        BudgetYear.objects.filter(pk=budget_year.pk).delete()
        Proposal.objects.filter(smederij=smederij).delete()
        area, wijkteam = smederij.area, smederij.wijkteam
        smederij.delete()
        area.delete()
        wijkteam.delete()
        user.delete()


def main() -> int:
    if connection.vendor != "postgresql":
        print("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    tag = uuid.uuid4().hex[:8]
    budget_year, smederij, user, proposals, decided_at = set_up(tag)
    try:

        def attempt(proposal):
            started = time.perf_counter()
            try:
                services.grant_create(
                    proposal=proposal,
                    budget_year=proposal.year,
                    klap=proposal.klap,
                    smederij=smederij,
                    amount=proposal.amount_requested,
                    actor=user,
                    decided_at=decided_at,
                )
                outcome = "granted"
            except BudgetError:
                outcome = "refused"
            return outcome, time.perf_counter() - started

        def close_connection(_):
            connections.close_all()

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
            results = list(pool.map(attempt, proposals))
            elapsed = time.perf_counter() - started
            list(pool.map(close_connection, range(CONNECTIONS)))

        granted = sum(1 for outcome, _ in results if outcome == "granted")
        refused = sum(1 for outcome, _ in results if outcome == "refused")
        balance = budget_year_balances(budget_year=budget_year).for_smederij(smederij).balance
        overspend = max(balance.committed - balance.pot, Decimal("0.00"))
        latencies = sorted(seconds * 1000 for _, seconds in results)
        p50 = statistics.median(latencies)
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(f"PostgreSQL {connection.pg_version // 10000}, budget year {budget_year.year}")
        print(f"attempts:    {len(results)} over {CONNECTIONS} connections")
        print(f"successes:   {granted} (granted {format_euro(balance.granted)})")
        print(f"refusals:    {refused} (BudgetError: share exhausted)")
        print(f"share:       {format_euro(balance.pot)}, free {format_euro(balance.free)}")
        print(f"overspend:   {format_euro(overspend)}")
        print(
            f"throughput:  {len(results) / elapsed:.0f} attempts/s, {granted / elapsed:.0f} grants/s"
        )
        print(f"latency:     p50 {p50:.1f} ms, p95 {p95:.1f} ms ({elapsed:.2f} s in all)")
        return 0 if overspend == 0 and granted + refused == ATTEMPTS else 1
    finally:
        tear_down(budget_year, smederij, user)


if __name__ == "__main__":
    sys.exit(main())
