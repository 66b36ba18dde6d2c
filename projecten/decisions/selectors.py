"""Reads of the decision: the one in force, and the decision part of a proposal page."""

from dataclasses import dataclass

from projecten.models import Decision, Proposal, ProposalStatus
from projecten.workflow import AFTER_FUNDING, DECIDED, DECIDED_OR_DECIDING


def decision_latest(*, proposal: Proposal) -> Decision | None:
    """The decision in force: the latest one (a deferred proposal may be decided again)."""
    return (
        Decision.objects.filter(proposal=proposal)
        .select_related("decided_by", "vote")
        .order_by("-decided_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class DecisionPart:
    """The decision part of a proposal page: what the user may do or read about the decision."""

    can_decide: bool = False
    can_read_letter: bool = False
    can_manage_money: bool = False
    can_reopen: bool = False

    @property
    def shown(self) -> bool:
        return self.can_decide or self.can_read_letter or self.can_manage_money or self.can_reopen


def decision_part(*, user, proposal: Proposal) -> DecisionPart:
    if proposal.status not in DECIDED_OR_DECIDING:
        return DecisionPart()
    return DecisionPart(
        can_decide=proposal.status == ProposalStatus.DECIDING
        and user.has_perm("projecten.decide_proposal", proposal),
        can_read_letter=proposal.status in DECIDED
        and user.has_perm("projecten.view_decision_letter", proposal),
        can_manage_money=proposal.status in AFTER_FUNDING
        and user.has_perm("projecten.manage_money", proposal),
        can_reopen=user.has_perm("projecten.reopen_proposal", proposal),
    )
