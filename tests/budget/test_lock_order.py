"""Budget services running at the same moment never deadlock, and korte klap grants of
different Smederijen never wait on each other.

Each probe runs two services in two threads (two connections) and makes them
meet in the one order that deadlocked before: the first takes its first lock and
holds it until PostgreSQL shows the second waiting for a lock (pg_locks), or the
second has finished; then the first goes on. The retries of budget/retry.py are
switched off, so a deadlock shows as `OperationalError: deadlock detected`
instead of being retried away.

What deadlocked: the korte klap grant locked its share joined to the year
`FOR UPDATE` without `of=`, so it locked the year too, after the share; and the
foreign-key check at commit takes `FOR KEY SHARE` on the year row, which waits
for any `FOR UPDATE` of the year. Now the year and the shares are locked
`FOR NO KEY UPDATE` (no key ever changes), which the key check does not wait
for, and the grant locks its share only.
"""

import random
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from budget import retry, services
from budget.errors import BudgetError
from budget.models import BudgetYear, BudgetYearStatus, Grant
from budget.selectors import budget_year_balances
from projecten.models import Klap
from tests import factories
from tests.budget.conftest import IN_2013, proposal_fields

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TIMEOUT = 20


@pytest.fixture(autouse=True)
def _no_retries(monkeypatch):
    monkeypatch.setattr(retry, "ATTEMPTS", 1)


class Worker(threading.Thread):
    """Runs one call on its own connection; keeps its outcome and its backend pid."""

    def __init__(self, call, *, wait_for: threading.Event | None = None):
        super().__init__(daemon=True)
        self.call, self.wait_for = call, wait_for
        self.pid, self.outcome = None, None
        self.started_up, self.done = threading.Event(), threading.Event()

    def run(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
            self.started_up.set()
            if self.wait_for is not None and not self.wait_for.wait(TIMEOUT):
                raise TimeoutError("never released")
            self.outcome = self.call()
        except Exception as error:  # inspected by the test
            self.outcome = error
        finally:
            self.done.set()
            connections.close_all()


def waits_for_a_lock(pid: int) -> bool:
    """Live, not from a snapshot: pg_locks reads the lock manager on every call."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted)", [pid]
        )
        return cursor.fetchone()[0]


def hold_until_waiting_or_done(other: Worker) -> None:
    other.started_up.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while not (other.done.is_set() or waits_for_a_lock(other.pid)):
        if time.monotonic() > deadline:
            raise TimeoutError("the other service neither waited nor finished")
        time.sleep(0.01)


def first_locks_the_year(monkeypatch, first_call, second_call):
    """`first_call` locks the year, then holds it until `second_call` waits or is done."""
    year_locked = threading.Event()
    real_lock_year = services._lock_year
    workers = {}

    def lock_year(budget_year):
        locked = real_lock_year(budget_year)
        if threading.current_thread() is workers["first"] and not year_locked.is_set():
            year_locked.set()
            hold_until_waiting_or_done(workers["second"])
        return locked

    monkeypatch.setattr(services, "_lock_year", lock_year)
    workers["first"] = Worker(first_call)
    workers["second"] = Worker(second_call, wait_for=year_locked)
    for worker in workers.values():
        worker.start()
    for worker in workers.values():
        worker.join(TIMEOUT * 2)
    assert all(worker.done.is_set() for worker in workers.values()), "a thread hangs"
    return workers["first"].outcome, workers["second"].outcome


def korte_klap_grant(proposal, actor, amount="500.00"):
    return lambda: services.grant_create(
        **proposal_fields(proposal), amount=amount, actor=actor, decided_at=IN_2013
    )


def test_closing_the_year_while_a_korte_klap_grant_is_made_does_not_deadlock(
    monkeypatch, year, share, krakeel, actor, make_proposal
):
    proposal = make_proposal(smederij=krakeel, amount="500.00")

    closed, granted = first_locks_the_year(
        monkeypatch,
        lambda: services.budget_year_close(budget_year=year, actor=actor),
        korte_klap_grant(proposal, actor),
    )

    assert isinstance(closed, services.YearEndReport), closed
    # The grant locked its share before the close did: it saw the year open, and counts.
    assert isinstance(granted, Grant), granted
    assert BudgetYear.objects.get(pk=year.pk).status == BudgetYearStatus.CLOSED


def test_setting_shares_while_a_korte_klap_grant_is_made_does_not_deadlock(
    monkeypatch, year, share, krakeel, actor, make_proposal
):
    proposal = make_proposal(smederij=krakeel, amount="500.00")

    changed, granted = first_locks_the_year(
        monkeypatch,
        lambda: services.shares_set(
            budget_year=year, amounts={krakeel: Decimal("8000.00")}, actor=actor, reason="Meer"
        ),
        korte_klap_grant(proposal, actor),
    )

    assert isinstance(changed, list), changed
    assert isinstance(granted, Grant), granted
    balance = budget_year_balances(budget_year=year).for_smederij(krakeel).balance
    assert (balance.pot, balance.committed) == (Decimal("8000.00"), Decimal("500.00"))


def test_closing_the_year_while_money_is_reallocated_does_not_deadlock(
    monkeypatch, year, share, krakeel, actor
):
    other = factories.SmederijFactory()
    services.shares_set(
        budget_year=year, amounts={other: Decimal("1000.00")}, actor=actor, reason="Verdeling"
    )

    closed, moved = first_locks_the_year(
        monkeypatch,
        lambda: services.budget_year_close(budget_year=year, actor=actor),
        lambda: services.share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=other,
            amount=Decimal("250.00"),
            actor=actor,
            reason="Schuiven",
        ),
    )

    assert isinstance(closed, services.YearEndReport), closed
    assert not isinstance(moved, Exception), moved


def test_korte_klap_grants_of_two_smederijen_do_not_wait_on_each_other(
    monkeypatch, year, share, krakeel, actor, make_proposal
):
    other = factories.SmederijFactory()
    services.shares_set(
        budget_year=year, amounts={other: Decimal("1000.00")}, actor=actor, reason="Verdeling"
    )
    holding, release = threading.Event(), threading.Event()
    real_share_balance = services.share_balance

    def share_balance(*, share):
        # Krakeel's grant holds its transaction open right after locking its share.
        if share.smederij_id == krakeel.pk:
            holding.set()
            release.wait(TIMEOUT)
        return real_share_balance(share=share)

    monkeypatch.setattr(services, "share_balance", share_balance)
    held = Worker(korte_klap_grant(make_proposal(smederij=krakeel), actor))
    held.start()
    assert holding.wait(TIMEOUT)
    meanwhile = Worker(korte_klap_grant(make_proposal(smederij=other), actor))
    meanwhile.start()

    finished_meanwhile = meanwhile.done.wait(5)
    release.set()
    held.join(TIMEOUT)
    meanwhile.join(TIMEOUT)

    assert finished_meanwhile, "the other Smederij's grant waited for Krakeel's transaction"
    assert isinstance(meanwhile.outcome, Grant), meanwhile.outcome
    assert isinstance(held.outcome, Grant), held.outcome


# --- everything at once ------------------------------------------------------------------------

SMEDERIJEN = 10
WORKERS = 12


def test_two_hundred_mixed_operations_on_one_year_each_succeed_or_are_refused(
    year, actor, make_proposal
):
    rng = random.Random(2013)  # a fixed mix, the same every run
    smederijen = [factories.SmederijFactory() for _ in range(SMEDERIJEN)]
    services.shares_set(
        budget_year=year,
        amounts=dict.fromkeys(smederijen, Decimal("7500.00")),
        actor=actor,
        reason="Verdeling",
    )
    paid_on = [
        services.grant_create(
            **proposal_fields(make_proposal(smederij=s, amount="1000.00")),
            amount="1000.00",
            actor=actor,
            decided_at=IN_2013,
        )
        for s in smederijen[:3]
    ]

    def grant(proposal, amount):
        return lambda: services.grant_create(
            **proposal_fields(proposal), amount=amount, actor=actor, decided_at=IN_2013
        )

    operations = []
    for _ in range(120):  # € 72.000 asked of € 72.000 free, so some are refused
        smederij = rng.choice(smederijen)
        amount = Decimal(rng.randrange(300, 900, 50))
        operations.append(grant(make_proposal(smederij=smederij, amount=str(amount)), amount))
    for _ in range(20):  # € 160.000 asked of € 120.000
        operations.append(grant(make_proposal(klap=Klap.LANGE, amount="8000.00"), "8000.00"))
    for _ in range(25):
        source, target = rng.sample(smederijen, 2)
        operations.append(
            lambda source=source, target=target: services.share_reallocate(
                budget_year=year,
                from_smederij=source,
                to_smederij=target,
                amount=Decimal("500.00"),
                actor=actor,
                reason="Schuiven",
            )
        )
    for _ in range(15):
        smederij, amount = rng.choice(smederijen), Decimal(rng.randrange(6000, 9000, 250))
        operations.append(
            lambda smederij=smederij, amount=amount: services.shares_set(
                budget_year=year, amounts={smederij: amount}, actor=actor, reason="Bijstellen"
            )
        )
    for _ in range(10):
        korte = Decimal(rng.randrange(170_000, 190_000, 1000))
        operations.append(
            lambda korte=korte: services.budget_year_change_split(
                budget_year=year,
                korte_klap_pot=korte,
                lange_klap_pot=Decimal("300000.00") - korte,
                actor=actor,
                reason="Schuiven tussen de potten",
            )
        )
    for _ in range(9):
        paid = rng.choice(paid_on)
        operations.append(
            lambda grant=paid: services.payment_create(
                grant=grant, amount=Decimal("100.00"), actor=actor
            )
        )
    rng.shuffle(operations)
    operations.insert(len(operations) // 2, lambda: services.budget_year_close(budget_year=year))
    assert len(operations) == 200

    outcomes = [None] * len(operations)
    queue = list(enumerate(operations))
    queue_lock, start = threading.Lock(), threading.Barrier(WORKERS)

    def work():
        try:
            start.wait(TIMEOUT)
            while True:
                with queue_lock:
                    if not queue:
                        return
                    position, operation = queue.pop(0)
                try:
                    operation()
                    outcomes[position] = "success"
                except BudgetError as error:
                    outcomes[position] = error
                except Exception as error:  # the test fails on any of these
                    outcomes[position] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    errors = [o for o in outcomes if o != "success" and not isinstance(o, BudgetError)]
    assert errors == []
    successes = outcomes.count("success")
    assert 0 < successes < 200  # some of everything fits, not everything
    balances = budget_year_balances(budget_year=year)
    assert balances.budget_year.status == BudgetYearStatus.CLOSED
    assert balances.lange.committed <= balances.lange.pot
    for share_balance in balances.shares:
        assert share_balance.balance.committed <= share_balance.balance.pot
    assert balances.korte_undivided >= 0
