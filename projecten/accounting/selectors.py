"""Reads after funding: the verantwoording, what is to be paid back, who is late, shared goods."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from budget.models import Grant
from budget.money import ZERO, MoneyField, to_money
from projecten.models import (
    Accounting,
    AccountingLine,
    AccountingStatus,
    Attachment,
    Proposal,
    ProposalStatus,
)
from projecten.models.proposal import ACCOUNTING_PERIOD
from projecten.workflow import AFTER_FUNDING, RUNNING_STATUSES
from smederijen.models import Smederij


def accounting_due_date(proposal: Proposal) -> datetime.date | None:
    """The last day to file the verantwoording (`Proposal.accounting_due`)."""
    return proposal.accounting_due


@dataclass(frozen=True)
class Settlement:
    """What a funded project received and spent, and what is to be paid back. Display only:
    payments and refunds are recorded by the budget services.

    Without a grant in the budget ledger the amount asked stands for what was
    granted, and it is taken to have been paid in advance, as the Smederijen do.
    """

    granted: Decimal
    paid: Decimal
    refunded: Decimal
    spent: Decimal
    cancelled: bool
    from_ledger: bool
    # The initiators filed their verantwoording: what they spent is known.
    accounted: bool = False

    @property
    def unspent(self) -> Decimal:
        return max(self.granted - self.spent, ZERO)

    @property
    def not_accounted_for(self) -> Decimal:
        """Paid to the project (and not refunded) beyond what the verantwoording shows spent."""
        return max(self.paid - self.refunded - self.spent, ZERO)

    @property
    def to_pay_back(self) -> Decimal:
        """Only money that was paid can be paid back: for a project that did not happen,
        everything paid (less refunds); once the verantwoording is filed, what was paid and
        not spent. Granted money that was never paid is released, not paid back; while the
        project runs nothing is due yet."""
        if self.cancelled:
            return max(self.paid - self.refunded, ZERO)
        if self.accounted:
            return self.not_accounted_for
        return ZERO


def accounting_settlement(
    *,
    proposal: Proposal,
    accounting: Accounting | None = None,
    grants: list[Grant] | None = None,
) -> Settlement:
    """In one query for the grants (and none for the lines when they are prefetched);
    none when the caller has the proposal's `grants` with their totals already."""
    if grants is not None:
        rows = [(g.amount, g.released, g.paid, g.refunded) for g in grants]
    else:
        rows = list(
            Grant.objects.filter(proposal=proposal)
            .order_by()
            .with_totals()
            .values_list("amount", "released", "paid", "refunded")
        )
    spent = accounting.spent_total if accounting is not None else ZERO
    cancelled = proposal.status == ProposalStatus.CANCELLED
    if rows:
        granted = sum((amount - released for amount, released, _p, _r in rows), ZERO)
        paid = sum((p for _a, _rel, p, _r in rows), ZERO)
        refunded = sum((r for _a, _rel, _p, r in rows), ZERO)
        return Settlement(
            granted=to_money(granted),
            paid=to_money(paid),
            refunded=to_money(refunded),
            spent=to_money(spent),
            cancelled=cancelled,
            from_ledger=True,
            accounted=accounting is not None,
        )
    asked = proposal.amount_requested or ZERO
    return Settlement(
        granted=asked,
        paid=asked,
        refunded=ZERO,
        spent=to_money(spent),
        cancelled=cancelled,
        from_ledger=False,
        accounted=accounting is not None,
    )


def accounting_detail(*, proposal: Proposal) -> Accounting | None:
    """The verantwoording of a proposal with its lines and files, in three queries."""
    return (
        Accounting.objects.filter(proposal=proposal)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch("lines", queryset=AccountingLine.objects.select_related("budget_line")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("kind", "pk")),
        )
        .first()
    )


def late_accountings(*, smederij: Smederij, today: datetime.date) -> QuerySet[Proposal]:
    """Running projects of the Smederij whose verantwoording is overdue, oldest first."""
    return (
        Proposal.objects.filter(
            smederij=smederij,
            status__in=RUNNING_STATUSES,
            accounting__isnull=True,
            end_date__lt=today - ACCOUNTING_PERIOD,
        )
        .select_related("submitter", "group")
        .order_by("end_date", "pk")
    )


def accountings_to_check(*, smederij: Smederij) -> QuerySet[Accounting]:
    """Filed verantwoordingen of the Smederij that wait for the gebiedsregisseur."""
    return (
        Accounting.objects.filter(proposal__smederij=smederij, status=AccountingStatus.SUBMITTED)
        .select_related("proposal", "submitted_by")
        .annotate(spent=Coalesce(Sum("lines__amount"), ZERO, output_field=MoneyField()))
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class AccountingPart:
    """The verantwoording part of a proposal page, once the proposal was funded."""

    due_date: datetime.date | None
    late: bool
    accounting: Accounting | None
    can_file: bool
    can_view: bool
    can_register_good: bool


def accounting_part(*, user, proposal: Proposal) -> AccountingPart | None:
    """None before the proposal is funded; else the due date, the verantwoording and links."""
    if proposal.status not in AFTER_FUNDING:
        return None
    accounting = Accounting.objects.filter(proposal=proposal).only("status", "proposal").first()
    due_date = accounting_due_date(proposal)
    return AccountingPart(
        due_date=due_date,
        late=accounting is None
        and due_date is not None
        and due_date < timezone.localdate()
        and proposal.status in RUNNING_STATUSES,
        accounting=accounting,
        can_file=user.has_perm("projecten.file_accounting", proposal),
        can_view=user.has_perm("projecten.view_private_parts", proposal),
        can_register_good=user.has_perm("projecten.register_shared_good", proposal),
    )


@dataclass(frozen=True)
class AccountingPage:
    """The verantwoording page: what was filed, what is to be paid back, and who may act."""

    accounting: Accounting | None
    due_date: datetime.date | None
    settlement: Settlement
    can_file: bool
    can_check: bool


def accounting_page(*, user, proposal: Proposal) -> AccountingPage:
    accounting = accounting_detail(proposal=proposal)
    return AccountingPage(
        accounting=accounting,
        due_date=accounting_due_date(proposal),
        settlement=accounting_settlement(proposal=proposal, accounting=accounting),
        can_file=user.has_perm("projecten.file_accounting", proposal),
        # Checked once, when it was filed: approving or asking for more.
        can_check=accounting is not None
        and accounting.status == AccountingStatus.SUBMITTED
        and user.has_perm("projecten.check_accounting", proposal),
    )
