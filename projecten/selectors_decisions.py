"""Reads of the decision and of the money after it: the letter and the money page.

A fixed number of queries whatever the number of payments, releases and refunds.
"""

from dataclasses import dataclass, field

from budget.models import Grant, Payment, Refund, Release
from budget.money import ZERO
from budget.selectors import Balance

from .models import Accounting, AccountingStatus, Decision, Proposal
from .selectors_accounting import Settlement, accounting_settlement


def decision_latest(*, proposal: Proposal) -> Decision | None:
    """The decision in force: the latest one (a deferred proposal may be decided again)."""
    return (
        Decision.objects.filter(proposal=proposal)
        .select_related("decided_by", "vote")
        .order_by("-decided_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class MoneyOverview:
    proposal: Proposal
    decision: Decision | None
    grants: list[Grant]
    payments: list[Payment]
    releases: list[Release]
    refunds: list[Refund]
    balance: Balance
    settlement: Settlement
    accounting: Accounting | None
    co_funding: list = field(default_factory=list)

    @property
    def advanced(self):
        return sum((p.amount for p in self.payments if p.is_advance), ZERO)

    @property
    def can_complete(self) -> bool:
        return self.accounting is not None and self.accounting.status == AccountingStatus.SUBMITTED


def money_overview(*, proposal: Proposal) -> MoneyOverview:
    """Everything about the money of one proposal, in eight queries."""
    grants = list(
        Grant.objects.filter(proposal=proposal).with_totals().select_related("budget_year")
    )
    balance = Balance()
    for grant in grants:
        balance += Balance(
            pot=grant.amount,
            granted=grant.amount,
            released=grant.released,
            paid=grant.paid,
            refunded=grant.refunded,
        )

    def records(model):
        return list(
            model.objects.filter(grant__proposal=proposal)
            .select_related("recorded_by")
            .order_by("recorded_at", "pk")
        )

    accounting = Accounting.objects.filter(proposal=proposal).first()
    return MoneyOverview(
        proposal=proposal,
        decision=decision_latest(proposal=proposal),
        grants=grants,
        payments=records(Payment),
        releases=records(Release),
        refunds=records(Refund),
        balance=balance,
        settlement=accounting_settlement(proposal=proposal, accounting=accounting),
        accounting=accounting,
        co_funding=list(proposal.co_funding.order_by("pk")),
    )
