"""Many approvals at the same moment, on PostgreSQL, can never overspend a pot.

Each thread has its own database connection; a barrier releases them together
so their transactions overlap. SQLite has no row locks, so these tests need
PostgreSQL (`pytest.mark.postgres`: skipped without it, failed with STRICT=1).

Without the `select_for_update()` in the services these tests fail: every
thread reads the same free amount before any of them has committed, and far
more than the pot is granted (see docs/decisions/0003-budget-ledger.md).
"""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from budget import services
from budget.errors import BudgetError
from budget.models import Grant, Payment
from budget.selectors import budget_year_balances, grant_balance
from projecten.models import Klap
from tests import factories
from tests.budget.conftest import IN_2013, proposal_fields

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50


def _race(work, arguments):
    """Run work(argument) in one thread each, all released at the same moment."""
    barrier = threading.Barrier(len(arguments))
    outcomes = [None] * len(arguments)

    def run(position, argument):
        try:
            barrier.wait(timeout=30)
            outcomes[position] = work(argument)
        except Exception as error:  # every outcome is inspected by the test
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(position, argument))
        for position, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _assert_only_budget_errors(outcomes, success_type):
    failures = [o for o in outcomes if not isinstance(o, success_type)]
    assert all(isinstance(f, BudgetError) for f in failures), failures
    return len(outcomes) - len(failures)


def test_concurrent_korte_klap_grants_never_overspend_a_share(year, share, krakeel, actor):
    # € 7.500 free; 50 grants of € 300 ask € 15.000: twice what is there.
    proposals = [
        factories.ProposalFactory(
            smederij=krakeel,
            status="deciding",
            submitted_at=IN_2013,
            year=2013,
            amount_requested="300.00",
        )
        for _ in range(THREADS)
    ]
    outcomes = _race(
        lambda proposal: services.grant_create(
            **proposal_fields(proposal),
            amount=proposal.amount_requested,
            actor=actor,
            decided_at=IN_2013,
        ),
        proposals,
    )

    successes = _assert_only_budget_errors(outcomes, Grant)
    balance = budget_year_balances(budget_year=year).for_smederij(krakeel).balance
    assert balance.granted == Decimal("300.00") * successes
    assert balance.granted <= balance.pot, f"overspent by {balance.granted - balance.pot}"
    assert balance.free >= 0
    # The lock serialises the grants, so every euro that fits is granted.
    assert successes == 25


def test_concurrent_lange_klap_grants_never_overspend_the_pot(year, actor):
    # € 120.000 free; 50 grants of € 4.800 ask € 240.000.
    proposals = [
        factories.ProposalFactory(
            klap=Klap.LANGE,
            status="deciding",
            submitted_at=IN_2013,
            year=2013,
            amount_requested="4800.00",
        )
        for _ in range(THREADS)
    ]
    outcomes = _race(
        lambda proposal: services.grant_create(
            **proposal_fields(proposal),
            amount=proposal.amount_requested,
            actor=actor,
            decided_at=IN_2013,
        ),
        proposals,
    )

    successes = _assert_only_budget_errors(outcomes, Grant)
    balance = budget_year_balances(budget_year=year).lange
    assert balance.granted <= balance.pot, f"overspent by {balance.granted - balance.pot}"
    assert successes == 25


def test_concurrent_payments_never_exceed_the_grant(share, krakeel, actor, grant_for):
    grant = grant_for(smederij=krakeel, amount="5000.00")
    outcomes = _race(
        lambda _: services.payment_create(grant=grant, amount="200.00", actor=actor),
        range(THREADS),
    )

    successes = _assert_only_budget_errors(outcomes, Payment)
    balance = grant_balance(grant=grant)
    assert balance.paid <= balance.granted, f"paid {balance.paid} on {balance.granted}"
    assert successes == 25
