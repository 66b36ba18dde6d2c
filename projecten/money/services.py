"""Money after the decision: the advance, later payments, cancelling, and refunds.

The gebiedsregisseur of the Smederij records each of them. The amounts move
through `budget.services` (which lock the grant and never pay more than is
open on it); the rules that belong to the project (half the grant as an
advance, waiting for co-funding, which statuses allow what) are checked here,
after the proposal row and then the grant row are locked, in the same order as
everywhere: proposal, then the budget's rows.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from budget import services as budget_services
from budget.models import Grant, Payment, Refund
from budget.money import format_euro, to_money
from budget.selectors import grant_balance
from projecten.common import timeline
from projecten.common.services import (
    event_record,
    permission_require,
    proposal_lock,
    proposal_transition,
)
from projecten.errors import ProposalError
from projecten.models import (
    CoFunding,
    CoFundingStatus,
    Decision,
    DecisionOutcome,
    EventKind,
    Proposal,
    ProposalStatus,
)
from projecten.workflow import AFTER_FUNDING, PAYABLE_STATUSES, RUNNING_STATUSES
from smederijen.models import User

MONEY_PERMISSION = "projecten.manage_money"
# An advance is at most this part of the grant, unless the gebiedsregisseur overrides it.
ADVANCE_SHARE = Decimal("0.50")


def _invalid(field: str, message: str, code: str) -> ProposalError:
    """A refusal tied to a form field, with a code that tests and views can check."""
    return ProposalError(message, field=field, code=code)


def _grant_of(proposal: Proposal) -> Grant:
    """The proposal's grant, locked: the active one, or else the latest (a grant whose money
    was all released is closed, and a refund on it is refused by the budget)."""
    grants = Grant.objects.select_for_update().filter(proposal=proposal)
    grant = grants.filter(closed_at__isnull=True).first() or grants.first()
    if grant is None:
        raise ProposalError(_("No money has been granted to this proposal."))
    return grant


def _check_status(proposal: Proposal, allowed, action: str) -> None:
    if proposal.status not in allowed:
        raise ProposalError(
            _("A proposal that is %(status)s cannot get %(action)s.")
            % {"status": proposal.get_status_display(), "action": action}
        )


def _check_co_funding(proposal: Proposal) -> None:
    """A lange klap grant made conditional on co-funding pays nothing until all of it came in."""
    decision = (
        Decision.objects.filter(proposal=proposal, outcome=DecisionOutcome.APPROVED)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if decision is None or not decision.conditional_on_co_funding:
        return
    waiting = [
        source.source
        for source in proposal.co_funding.exclude(status=CoFundingStatus.RECEIVED).order_by("pk")
    ]
    if waiting:
        raise ProposalError(
            _("The grant waits for the co-funding to be received; not received yet: %(sources)s.")
            % {"sources": ", ".join(waiting)}
        )


def _amount(value) -> Decimal:
    try:
        return to_money(value)
    except (TypeError, ValueError):
        raise _invalid("amount", _("Enter an amount in euros."), "invalid") from None


def _start_on_first_payment(proposal: Proposal, actor: User) -> None:
    if proposal.status == ProposalStatus.APPROVED:
        proposal_transition(proposal, "start", actor=actor)


@transaction.atomic
def advance_pay(*, proposal: Proposal, actor: User, amount, override_reason: str = "") -> Payment:
    """Pay an advance on the grant: together with earlier advances at most half of what is
    granted (and not released), unless `override_reason` says why more (up to the open amount).

    The first payment starts the project (approved → in progress).
    """
    proposal = proposal_lock(proposal)
    permission_require(actor, MONEY_PERMISSION, proposal)
    _check_status(proposal, RUNNING_STATUSES, _("an advance"))
    _check_co_funding(proposal)
    grant = _grant_of(proposal)
    amount = _amount(amount)
    override_reason = (override_reason or "").strip()
    balance = grant_balance(grant=grant)
    advanced = sum(
        grant.payments.filter(is_advance=True).values_list("amount", flat=True), Decimal("0")
    )
    cap = to_money(balance.committed * ADVANCE_SHARE)
    if not override_reason and advanced + amount > cap:
        raise _invalid(
            "amount",
            _(
                "An advance is at most half of the grant: %(cap)s (already advanced "
                "%(advanced)s, asked %(asked)s). Give a reason to pay more."
            )
            % {
                "cap": format_euro(cap),
                "advanced": format_euro(advanced),
                "asked": format_euro(amount),
            },
            "advance_above_half",
        )
    payment = budget_services.payment_create(
        grant=grant,
        amount=amount,
        actor=actor,
        reason=_("Advance") if not override_reason else _("Advance (more than half)"),
        is_advance=True,
        override_reason=override_reason,
    )
    _start_on_first_payment(proposal, actor)
    event_record(
        proposal,
        kind=EventKind.MONEY,
        actor=actor,
        what=timeline.ADVANCE_PAID,
        data={"amount": timeline.money(amount), "over_half": bool(override_reason)},
        message=override_reason or "",
    )
    return payment


@transaction.atomic
def payment_record(*, proposal: Proposal, actor: User, amount, reason: str = "") -> Payment:
    """Record a later payment on the grant; never more than is open (the budget refuses)."""
    proposal = proposal_lock(proposal)
    permission_require(actor, MONEY_PERMISSION, proposal)
    _check_status(proposal, PAYABLE_STATUSES, _("a payment"))
    _check_co_funding(proposal)
    grant = _grant_of(proposal)
    amount = _amount(amount)
    payment = budget_services.payment_create(
        grant=grant, amount=amount, actor=actor, reason=(reason or "").strip()
    )
    _start_on_first_payment(proposal, actor)
    event_record(
        proposal,
        kind=EventKind.MONEY,
        actor=actor,
        what=timeline.PAYMENT,
        data={"amount": timeline.money(amount)},
    )
    return payment


@transaction.atomic
def proposal_cancel(*, proposal: Proposal, actor: User, reason: str) -> Proposal:
    """Cancel a project that will not happen: the unpaid rest of the grant goes back to its
    pot; what was paid is to be paid back (record it with `refund_record` when it comes in)."""
    proposal = proposal_lock(proposal)
    permission_require(actor, MONEY_PERMISSION, proposal)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Say why the project is cancelled."), "reason_required")
    proposal_transition(proposal, "cancel", actor=actor, message=reason)
    grant = Grant.objects.filter(proposal=proposal, closed_at__isnull=True).first()
    if grant is not None:
        balance = grant_balance(grant=grant)
        if balance.open > 0:
            budget_services.grant_release(grant=grant, actor=actor, reason=reason)
            event_record(
                proposal,
                kind=EventKind.MONEY,
                actor=actor,
                what=timeline.RELEASED,
                data={"amount": timeline.money(balance.open)},
            )
        if balance.spent > 0:
            event_record(
                proposal,
                kind=EventKind.MONEY,
                actor=actor,
                what=timeline.TO_PAY_BACK,
                data={"amount": timeline.money(balance.spent)},
            )
    return proposal


@transaction.atomic
def refund_record(*, proposal: Proposal, actor: User, amount, reason: str) -> Refund:
    """Record money paid back by the initiators and return it to the pot at once.

    The refund makes the money open on the grant again; releasing the same
    amount gives it back to the Smederij's share (or the lange klap pot).
    """
    proposal = proposal_lock(proposal)
    permission_require(actor, MONEY_PERMISSION, proposal)
    _check_status(proposal, AFTER_FUNDING, _("a refund"))
    grant = _grant_of(proposal)
    amount = _amount(amount)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("Say what the refund is for."), "reason_required")
    refund = budget_services.refund_create(grant=grant, amount=amount, actor=actor, reason=reason)
    budget_services.grant_release(grant=grant, actor=actor, reason=reason, amount=amount)
    event_record(
        proposal,
        kind=EventKind.MONEY,
        actor=actor,
        what=timeline.REFUNDED,
        data={"amount": timeline.money(amount)},
    )
    return refund


@transaction.atomic
def co_funding_status_set(*, co_funding: CoFunding, status: str, actor: User) -> CoFunding:
    """The gebiedsregisseur records where money from a sponsor, fund or partner stands.

    Once a proposal is decided, its co-funding changes only here (never in the admin):
    a grant made conditional on co-funding pays only once all of it is received.
    """
    proposal = proposal_lock(co_funding.proposal)
    permission_require(actor, "projecten.manage_money", proposal)
    if status not in CoFundingStatus.values:
        raise _invalid("status", _("Choose asked, promised or received."), "invalid")
    co_funding = CoFunding.objects.select_for_update().get(pk=co_funding.pk, proposal=proposal)
    if co_funding.status == status:
        return co_funding
    previous = co_funding.status
    co_funding.status = status
    co_funding.save(update_fields=["status"])
    event_record(
        proposal,
        kind=EventKind.MONEY,
        actor=actor,
        what=timeline.CO_FUNDING,
        data={"source": co_funding.source, "previous": previous, "status": co_funding.status},
    )
    return co_funding
