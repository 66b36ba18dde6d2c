"""Random sequences of budget operations can never break the invariants of DESIGN.md.

A hypothesis state machine opens years, changes their split and total, sets and
divides shares, reallocates, grants, pays, releases, refunds and closes, in any
order with any amounts. Before each step it predicts from the records (summed
here in Python, not by the selectors) whether the service must accept or
refuse; after each step it checks the five invariants and that the selector
balances equal the sums of the records.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from budget import services
from budget.errors import BudgetError
from budget.models import (
    BudgetYear,
    BudgetYearStatus,
    Grant,
    Payment,
    Reallocation,
    Refund,
    Release,
    SmederijShare,
)
from budget.selectors import budget_year_balances
from projecten.models import Klap, ProposalStatus
from tests import factories

ZERO = Decimal("0.00")
YEARS = (2013, 2014)
cents = st.one_of(
    st.integers(min_value=-100, max_value=300_000),  # up to € 3.000: mostly fits
    st.integers(min_value=-100, max_value=5_000_000),  # up to € 50.000: often does not
).map(lambda c: Decimal(c) / 100)
big_cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: Decimal(c) / 100)
index = st.integers(min_value=0, max_value=10_000)
# A part (in %) of what the oracle says is free, open or paid: lands on the edges often.
part = st.none() | st.integers(min_value=1, max_value=101)


def _money(value) -> bool:
    return isinstance(value, Decimal) and value.as_tuple().exponent == -2


class Ledger:
    """The books of one year summed in Python from every record: the oracle."""

    def __init__(self, budget_year: BudgetYear):
        self.year = budget_year
        self.shares = {s.smederij_id: s.amount for s in budget_year.shares.all()}
        self.moved_in, self.moved_out = defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
        for move in Reallocation.objects.filter(budget_year=budget_year):
            self.moved_in[move.to_smederij_id] += move.amount
            self.moved_out[move.from_smederij_id] += move.amount
        self.grants = {g.pk: g for g in Grant.objects.filter(budget_year=budget_year)}
        self.per_grant = {pk: defaultdict(lambda: ZERO) for pk in self.grants}
        for model, name in ((Release, "released"), (Payment, "paid"), (Refund, "refunded")):
            for record in model.objects.filter(grant__budget_year=budget_year):
                self.per_grant[record.grant_id][name] += record.amount

    def grant_open(self, pk):
        g = self.per_grant[pk]
        return self.grants[pk].amount - g["released"] - g["paid"] + g["refunded"]

    def grant_spent(self, pk):
        return self.per_grant[pk]["paid"] - self.per_grant[pk]["refunded"]

    def totals(self, klap, smederij_id=None):
        out = dict.fromkeys(("granted", "released", "paid", "refunded"), ZERO)
        for pk, grant in self.grants.items():
            if grant.klap == klap and grant.smederij_id == smederij_id:
                out["granted"] += grant.amount
                for name in ("released", "paid", "refunded"):
                    out[name] += self.per_grant[pk][name]
        return out

    def committed(self, klap, smederij_id=None):
        t = self.totals(klap, smederij_id)
        return t["granted"] - t["released"]

    def share_pot(self, smederij_id):
        return self.shares[smederij_id] + self.moved_in[smederij_id] - self.moved_out[smederij_id]

    def share_free(self, smederij_id):
        return self.share_pot(smederij_id) - self.committed(Klap.KORTE, smederij_id)

    def lange_free(self):
        return self.year.lange_klap_pot - self.committed(Klap.LANGE)


class BudgetMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # Every example runs in a savepoint that teardown rolls back: a fresh ledger each time.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.steps = 0
        self.actor = factories.UserFactory()
        self.smederijen = [
            factories.SmederijFactory(area__inhabitants=n) for n in (1500, 2500, 4001)
        ]
        self.proposals = [
            factories.ProposalFactory(
                smederij=smederij,
                klap=klap,
                status=ProposalStatus.DECIDING,
                submitted_at=datetime.datetime(2013, 1, 1, tzinfo=datetime.UTC),
            )
            for smederij in self.smederijen
            for klap in (Klap.KORTE, Klap.KORTE, Klap.LANGE)
        ]

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @initialize(
        total=st.integers(1_000_000, 30_000_000).map(lambda c: Decimal(c) / 100),
        korte_share=st.integers(10, 90),
        divide=st.booleans(),
    )
    def fresh_year(self, total, korte_share, divide):
        """Most examples start from an open year whose korte klap pot is divided."""
        korte = (total * korte_share / 100).quantize(Decimal("0.01"))
        budget_year = services.budget_year_open(
            year=YEARS[0], total=total, korte_klap_pot=korte, lange_klap_pot=total - korte
        )
        if divide:
            services.shares_divide_by_inhabitants(budget_year=budget_year)

    # --- helpers ---

    def _year(self, year):
        return BudgetYear.objects.filter(year=year).first()

    def _expect(self, allowed: bool, call):
        """Run `call`; it must succeed exactly when the oracle allows it."""
        self.steps += 1
        try:
            result = call()
        except BudgetError:
            assert not allowed, "refused although the records allow it"
            return None
        assert allowed, "accepted although the records forbid it"
        return result

    @staticmethod
    def _part_of(amount, percent, otherwise):
        if percent is None:
            return otherwise
        return (amount * percent / 100).quantize(Decimal("0.01"))

    def _grant(self, i):
        grants = list(Grant.objects.order_by("pk"))
        return grants[i % len(grants)] if grants else None

    # --- rules ---

    @rule(year=st.sampled_from(YEARS), total=big_cents, korte_share=st.integers(0, 100))
    def open_year(self, year, total, korte_share):
        korte = (total * korte_share / 100).quantize(Decimal("0.01"))
        self._expect(
            self._year(year) is None,
            lambda: services.budget_year_open(
                year=year,
                total=total,
                korte_klap_pot=korte,
                lange_klap_pot=total - korte,
                actor=self.actor,
            ),
        )

    @rule(year=st.sampled_from(YEARS), korte=big_cents, total=st.none() | big_cents)
    def change_pots(self, year, korte, total):
        budget_year = self._year(year)
        if budget_year is None:
            return
        total = budget_year.total if total is None else total
        korte = min(korte, total)
        lange = total - korte
        ledger = Ledger(budget_year)
        allowed = (
            budget_year.is_open
            and korte >= sum(ledger.shares.values(), start=ZERO)
            and lange >= ledger.committed(Klap.LANGE)
        )
        self._expect(
            allowed,
            lambda: services.budget_year_change_total(
                budget_year=budget_year,
                total=total,
                korte_klap_pot=korte,
                lange_klap_pot=lange,
                actor=self.actor,
                reason="Andere verdeling",
            ),
        )

    @rule(year=st.sampled_from(YEARS))
    def divide(self, year):
        budget_year = self._year(year)
        if budget_year is None:
            return
        allowed = budget_year.is_open and not budget_year.shares.exists()
        self._expect(
            allowed,
            lambda: services.shares_divide_by_inhabitants(
                budget_year=budget_year, actor=self.actor
            ),
        )

    @rule(year=st.sampled_from(YEARS), i=index, amount=cents)
    def set_share(self, year, i, amount):
        budget_year = self._year(year)
        if budget_year is None:
            return
        smederij = self.smederijen[i % len(self.smederijen)]
        ledger = Ledger(budget_year)
        others = sum((a for pk, a in ledger.shares.items() if pk != smederij.pk), start=ZERO)
        committed = ledger.committed(Klap.KORTE, smederij.pk)
        net_moved = ledger.moved_in[smederij.pk] - ledger.moved_out[smederij.pk]
        allowed = (
            budget_year.is_open
            and amount >= 0
            and others + amount <= budget_year.korte_klap_pot
            and (smederij.pk not in ledger.shares or amount + net_moved >= committed)
        )
        self._expect(
            allowed,
            lambda: services.shares_set(
                budget_year=budget_year,
                amounts={smederij: amount},
                actor=self.actor,
                reason="Met de hand",
            ),
        )

    @rule(year=st.sampled_from(YEARS), i=index, j=index, amount=cents, percent=part)
    def reallocate(self, year, i, j, amount, percent):
        budget_year = self._year(year)
        if budget_year is None:
            return
        source = self.smederijen[i % len(self.smederijen)]
        target = self.smederijen[j % len(self.smederijen)]
        ledger = Ledger(budget_year)
        if source.pk in ledger.shares:
            amount = self._part_of(ledger.share_free(source.pk), percent, amount)
        allowed = (
            budget_year.is_open
            and source != target
            and source.pk in ledger.shares
            and target.pk in ledger.shares
            and 0 < amount <= ledger.share_free(source.pk)
        )
        self._expect(
            allowed,
            lambda: services.share_reallocate(
                budget_year=budget_year,
                from_smederij=source,
                to_smederij=target,
                amount=amount,
                actor=self.actor,
                reason="Stuurgroep",
            ),
        )

    @rule(year=st.sampled_from(YEARS), i=index, amount=cents, percent=part)
    def grant(self, year, i, amount, percent):
        proposal = self.proposals[i % len(self.proposals)]
        budget_year = self._year(year)
        allowed = False
        if budget_year is not None and budget_year.is_open:
            ledger = Ledger(budget_year)
            has_active = Grant.objects.active().filter(proposal=proposal).exists()
            if proposal.klap == Klap.LANGE:
                free = ledger.lange_free()
            elif proposal.smederij_id in ledger.shares:
                free = ledger.share_free(proposal.smederij_id)
            else:
                free = None  # no korte klap share: always refused
            if free is not None:
                amount = self._part_of(free, percent, amount)
                allowed = not has_active and 0 < amount <= free
        decided_at = datetime.datetime(year, 6, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
        self._expect(
            allowed,
            lambda: services.grant_create(
                proposal=proposal,
                budget_year=year,
                klap=proposal.klap,
                smederij=proposal.smederij,
                actor=self.actor,
                amount=amount,
                decided_at=decided_at,
            ),
        )

    @rule(i=index, amount=cents, percent=part)
    def pay(self, i, amount, percent):
        grant = self._grant(i)
        if grant is None:
            return
        ledger = Ledger(grant.budget_year)
        amount = self._part_of(ledger.grant_open(grant.pk), percent, amount)
        # A year's grants stay payable after it closes (docs/decisions/0020).
        allowed = 0 < amount <= ledger.grant_open(grant.pk)
        self._expect(
            allowed,
            lambda: services.payment_create(grant=grant, amount=amount, actor=self.actor),
        )

    @rule(i=index, amount=st.none() | cents)
    def release(self, i, amount):
        grant = self._grant(i)
        if grant is None:
            return
        open_ = Ledger(grant.budget_year).grant_open(grant.pk)
        allowed = 0 < (open_ if amount is None else amount) <= open_
        self._expect(
            allowed,
            lambda: services.grant_release(
                grant=grant, actor=self.actor, amount=amount, reason="Goedkoper"
            ),
        )

    @rule(i=index, amount=cents, percent=part)
    def refund(self, i, amount, percent):
        grant = self._grant(i)
        if grant is None:
            return
        spent = Ledger(grant.budget_year).grant_spent(grant.pk)
        amount = self._part_of(spent, percent, amount)
        self._expect(
            0 < amount <= spent,
            lambda: services.refund_create(
                grant=grant, amount=amount, actor=self.actor, reason="Niet uitgegeven"
            ),
        )

    # Closing ends a year's story; let most of it happen first.
    @precondition(lambda self: self.steps >= 20)
    @rule(year=st.sampled_from(YEARS))
    def close(self, year):
        budget_year = self._year(year)
        if budget_year is None:
            return
        report = self._expect(
            budget_year.is_open,
            lambda: services.budget_year_close(budget_year=budget_year, actor=self.actor),
        )
        if report is not None:
            assert report.budget_year.status == BudgetYearStatus.CLOSED

    # --- what must always hold ---

    @invariant()
    def the_five_invariants_hold_and_balances_equal_the_records(self):
        for budget_year in BudgetYear.objects.all():
            ledger = Ledger(budget_year)
            # 1. korte + lange = total
            assert budget_year.korte_klap_pot + budget_year.lange_klap_pot == budget_year.total
            # 2. the shares add up to at most the korte klap pot; moving money keeps the sum
            assert sum(ledger.shares.values(), start=ZERO) <= budget_year.korte_klap_pot
            assert sum(ledger.moved_in.values(), start=ZERO) == sum(
                ledger.moved_out.values(), start=ZERO
            )
            # 3. committed never exceeds a share or the lange klap pot
            for smederij_id in ledger.shares:
                assert ledger.share_free(smederij_id) >= 0
            assert ledger.lange_free() >= 0
            # 4. paid never exceeds the grant (what is left of it after releases)
            for pk, grant in ledger.grants.items():
                records = ledger.per_grant[pk]
                assert records["paid"] - records["refunded"] >= 0
                assert records["released"] <= grant.amount
                assert ledger.grant_open(pk) >= 0
                if grant.closed_at is not None:
                    assert records["released"] == grant.amount
            # 5. Decimal with two places, never negative (records: positive)
            for value in (budget_year.total, budget_year.korte_klap_pot, *ledger.shares.values()):
                assert _money(value) and value >= 0
            for grant in ledger.grants.values():
                assert _money(grant.amount) and grant.amount > 0
            for model in (Payment, Release, Refund):
                for amount in model.objects.filter(grant__budget_year=budget_year).values_list(
                    "amount", flat=True
                ):
                    assert _money(amount) and amount > 0
            # The selectors say what the records say.
            balances = budget_year_balances(budget_year=budget_year)
            assert balances.lange.pot == budget_year.lange_klap_pot
            assert {
                k: getattr(balances.lange, k) for k in ("granted", "released", "paid", "refunded")
            } == ledger.totals(Klap.LANGE)
            assert {s.share.smederij_id for s in balances.shares} == set(ledger.shares)
            for share in balances.shares:
                smederij_id = share.share.smederij_id
                assert share.balance.pot == ledger.share_pot(smederij_id)
                assert share.balance.free == ledger.share_free(smederij_id)
                assert {
                    k: getattr(share.balance, k)
                    for k in ("granted", "released", "paid", "refunded")
                } == ledger.totals(Klap.KORTE, smederij_id)
        # One active grant per proposal.
        active = list(Grant.objects.active().values_list("proposal_id", flat=True))
        assert len(active) == len(set(active))
        assert SmederijShare.objects.filter(amount__lt=0).count() == 0


@pytest.mark.django_db
def test_random_budget_operations_never_break_the_invariants():
    run_state_machine_as_test(
        BudgetMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
