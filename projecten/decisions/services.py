"""The decision on a proposal: approve (and grant the money), reject, or defer to next year.

The gebiedsregisseur of the Smederij records it once the vote has closed. An
approval is one transaction with the grant: the proposal row is locked, the
status moves, `budget.services.grant_create` locks the pot it draws from and
checks the money again. When the budget refuses, the whole transaction rolls
back: the proposal stays DECIDING, nothing is granted, no decision is recorded
and nobody is emailed (the letter leaves after commit only).

See docs/decisions/0009-decisions-and-money.md for the choices made here.
"""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budget import services as budget_services
from budget.models import BudgetYear, BudgetYearStatus
from budget.money import format_euro, to_money
from projecten.common import notifications, timeline
from projecten.common.services import (
    event_record,
    permission_require,
    proposal_lock,
    proposal_transition,
)
from projecten.errors import ProposalError
from projecten.models import (
    AssessmentVote,
    Decision,
    DecisionMethod,
    DecisionMethodKind,
    DecisionOutcome,
    EventKind,
    Klap,
    Proposal,
    VoteBody,
    VoteOutcome,
)
from projecten.workflow import check_transition
from smederijen.audit import audited
from smederijen.models import User
from smederijen.notifications import email_after_commit

DECIDE_PERMISSION = "projecten.decide_proposal"


def _invalid(field: str, message: str, code: str) -> ProposalError:
    """A refusal tied to a form field, with a code that tests and views can check."""
    return ProposalError(message, field=field, code=code)


def vote_body_for(proposal: Proposal) -> str | None:
    """Who votes before the decision: the stuurgroep for lange klap, the initiatiefgroep for
    korte klap in a Smederij that decides by assessment; None when the Smederij elects."""
    if proposal.klap == Klap.LANGE:
        return VoteBody.STUURGROEP
    method = (
        DecisionMethod.objects.filter(smederij_id=proposal.smederij_id, year=proposal.year)
        .values_list("method", flat=True)
        .first()
    )
    # Assessment is the default: a Smederij decides by election only when that is set.
    if method == DecisionMethodKind.ELECTION:
        return None
    return VoteBody.INITIATIEFGROEP


def latest_closed_vote(proposal: Proposal, body: str | None = None) -> AssessmentVote | None:
    votes = AssessmentVote.objects.filter(proposal=proposal, closed_at__isnull=False)
    if body is not None:
        votes = votes.filter(body=body)
    return votes.order_by("-closed_at", "-pk").first()


def _required_vote(proposal: Proposal) -> AssessmentVote:
    body = vote_body_for(proposal)
    if body is None:
        raise ProposalError(
            _(
                "Smederij %(smederij)s decides by a Smederij election in %(year)d: "
                "the election funds its korte klap proposals."
            )
            % {"smederij": proposal.smederij.name, "year": proposal.year}
        )
    vote = latest_closed_vote(proposal, body)
    if vote is None:
        if body == VoteBody.STUURGROEP:
            message = _("The stuurgroep has not voted on this lange klap proposal yet.")
        else:
            message = _("The initiatiefgroep has not voted on this proposal yet.")
        raise ProposalError(message + " " + _("Approve it after the vote has closed."))
    return vote


def _check_deciding(proposal: Proposal, name: str) -> None:
    check_transition(proposal.status, name)


def _letter_url(proposal: Proposal) -> str:
    return settings.SITE_URL + reverse("projecten:decision-letter", kwargs={"pk": proposal.pk})


def _send_letter(proposal: Proposal, decision: Decision) -> None:
    """The decision letter: an HTML email with a text part, after commit, to the submitter.

    Only plain values go to the task (it may run elsewhere, later).
    """
    email_after_commit(
        to=[proposal.submitter.email],
        template="emails/decision_letter",
        context={
            "name": proposal.submitter.display_name,
            "title": proposal.title,
            "smederij": proposal.smederij.name,
            "klap": Klap(proposal.klap).label,
            "outcome": decision.outcome,
            "amount": format_euro(decision.amount) if decision.amount is not None else "",
            "asked": format_euro(proposal.amount_requested) if proposal.amount_requested else "",
            "conditions": decision.conditions,
            "conditional_on_co_funding": decision.conditional_on_co_funding,
            "motivation": decision.motivation,
            "accounting_due": (
                proposal.accounting_due.strftime("%d-%m-%Y") if proposal.accounting_due else ""
            ),
            "decided_at": timezone.localtime(decision.decided_at).strftime("%d-%m-%Y"),
            "next_year": proposal.year + 1,
            "url": _letter_url(proposal),
        },
    )


@audited
@transaction.atomic
def proposal_approve(
    *,
    proposal: Proposal,
    actor: User,
    amount: Decimal,
    conditions: str = "",
    conditional_on_co_funding: bool = False,
    motivation: str = "",
) -> Decision:
    """Approve a proposal being decided and grant `amount` in the same transaction.

    Refused (ProposalError or BudgetError, both a DomainError) without any change when:
    the vote has not closed, the amount is not between € 0,01 and what was asked,
    the vote did not adopt it and no motivation is given, a korte klap grant is
    made conditional on co-funding, or the pot has not enough free money.
    """
    proposal = proposal_lock(proposal)
    permission_require(actor, DECIDE_PERMISSION, proposal)
    _check_deciding(proposal, "approve")
    vote = _required_vote(proposal)
    amount = _checked_amount(proposal, amount)
    motivation = (motivation or "").strip()
    if vote.outcome != VoteOutcome.ADOPTED and not motivation:
        raise _invalid(
            "motivation",
            _(
                "The vote did not adopt this proposal (%(outcome)s). "
                "Explain why you approve it all the same."
            )
            % {"outcome": vote.get_outcome_display()},
            "motivation_against_vote",
        )
    if conditional_on_co_funding and proposal.klap != Klap.LANGE:
        raise _invalid(
            "conditional_on_co_funding",
            _("Only a lange klap grant can wait for co-funding to be received."),
            "conditional_korte_klap",
        )

    decided_at = timezone.now()
    proposal_transition(proposal, "approve", actor=actor, message=motivation, notify=False)
    # Raises BudgetError when the pot cannot pay: the atomic block rolls the status back.
    budget_services.grant_create(
        proposal=proposal,
        budget_year=proposal.year,
        klap=proposal.klap,
        smederij=proposal.smederij,
        actor=actor,
        amount=amount,
        reason=_("Decision on “%(title)s”.") % {"title": proposal.title},
        decided_at=decided_at,
    )
    decision = Decision.objects.create(
        proposal=proposal,
        outcome=DecisionOutcome.APPROVED,
        vote=vote,
        amount=amount,
        conditions=(conditions or "").strip(),
        conditional_on_co_funding=conditional_on_co_funding,
        motivation=motivation,
        decided_by=actor,
        decided_at=decided_at,
    )
    event_record(
        proposal,
        kind=EventKind.DECISION,
        actor=actor,
        what=timeline.APPROVED,
        data={"amount": timeline.money(amount)},
    )
    _send_letter(proposal, decision)
    return decision


def _checked_amount(proposal: Proposal, amount) -> Decimal:
    try:
        amount = to_money(amount)
    except (TypeError, ValueError):
        raise _invalid("amount", _("Enter an amount in euros."), "invalid_amount") from None
    if amount <= 0:
        raise _invalid(
            "amount", _("The amount granted must be more than € 0,00."), "amount_not_positive"
        )
    asked = proposal.amount_requested
    if asked is None or amount > asked:
        raise _invalid(
            "amount",
            _("You cannot grant more than was asked: asked %(asked)s, granted %(amount)s.")
            % {"asked": format_euro(asked or 0), "amount": format_euro(amount)},
            "amount_above_asked",
        )
    return amount


@audited
@transaction.atomic
def proposal_reject(*, proposal: Proposal, actor: User, motivation: str) -> Decision:
    """Reject a proposal being decided; the submitter reads the motivation in the letter."""
    proposal = proposal_lock(proposal)
    permission_require(actor, DECIDE_PERMISSION, proposal)
    _check_deciding(proposal, "reject")
    motivation = (motivation or "").strip()
    if not motivation:
        raise _invalid(
            "motivation",
            _("Explain why the proposal is rejected: the submitter reads it."),
            "motivation_required",
        )
    proposal_transition(proposal, "reject", actor=actor, message=motivation, notify=False)
    decision = Decision.objects.create(
        proposal=proposal,
        outcome=DecisionOutcome.REJECTED,
        vote=latest_closed_vote(proposal),
        motivation=motivation,
        decided_by=actor,
    )
    event_record(proposal, kind=EventKind.DECISION, actor=actor, what=timeline.REJECTED)
    _send_letter(proposal, decision)
    return decision


@audited
@transaction.atomic
def proposal_defer(*, proposal: Proposal, actor: User, motivation: str = "") -> Decision:
    """Defer a proposal being decided to the next budget year (status DEFERRED).

    Nothing is granted now, so nothing has to be released then; next year the
    gebiedsregisseur takes it up again with `proposal_reopen_deferred`.
    """
    proposal = proposal_lock(proposal)
    permission_require(actor, DECIDE_PERMISSION, proposal)
    _check_deciding(proposal, "defer")
    motivation = (motivation or "").strip()
    proposal_transition(proposal, "defer", actor=actor, message=motivation, notify=False)
    decision = Decision.objects.create(
        proposal=proposal,
        outcome=DecisionOutcome.DEFERRED,
        vote=latest_closed_vote(proposal),
        motivation=motivation,
        decided_by=actor,
    )
    event_record(
        proposal,
        kind=EventKind.DECISION,
        actor=actor,
        what=timeline.DEFERRED,
        data={"year": proposal.year + 1},
    )
    _send_letter(proposal, decision)
    return decision


@audited
@transaction.atomic
def proposal_reopen_deferred(*, proposal: Proposal, actor: User) -> Proposal:
    """Take a deferred proposal up again in the next budget year, once that year is open.

    It goes back to SUBMITTED for the year after the one it asked money from,
    so that it is reviewed, voted on and decided with the new year's money;
    the wijkteam hears of it as of a changed submission.
    """
    proposal = proposal_lock(proposal)
    check_transition(proposal.status, "reopen")
    permission_require(actor, "projecten.reopen_proposal", proposal)
    next_year = proposal.year + 1
    if not BudgetYear.objects.filter(year=next_year, status=BudgetYearStatus.OPEN).exists():
        raise ProposalError(
            _(
                "Budget year %(year)d is not open yet; the proposal can be taken up again once it is."
            )
            % {"year": next_year}
        )
    proposal.year = next_year
    proposal.save(update_fields=["year", "updated_at"])
    proposal_transition(
        proposal,
        "reopen",
        actor=actor,
        what=timeline.TAKEN_UP_AGAIN,
        data={"year": next_year},
    )
    notifications.submitted_to_wijkteam(proposal, resubmitted=True)
    return proposal
