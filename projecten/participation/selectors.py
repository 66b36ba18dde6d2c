"""Reads of taking part: whether a resident supports a proposal, and the part of its page."""

from dataclasses import dataclass

from projecten.models import Proposal
from projecten.workflow import OPEN_FOR_SUPPORT


def has_supported(*, user, proposal: Proposal) -> bool:
    return user.is_authenticated and proposal.supports.filter(user=user).exists()


@dataclass(frozen=True)
class ParticipationPart:
    """What the support, comment and attachment parts of a proposal page may offer."""

    can_comment: bool
    can_hide: bool
    can_support: bool
    supported: bool
    can_unsupport: bool
    can_change: bool


def participation_part(*, user, proposal: Proposal) -> ParticipationPart:
    supported = has_supported(user=user, proposal=proposal)
    return ParticipationPart(
        can_comment=user.has_perm("projecten.comment_proposal", proposal),
        can_hide=user.has_perm("projecten.hide_comment", proposal),
        can_support=user.has_perm("projecten.support_proposal", proposal),
        supported=supported,
        can_unsupport=supported
        and proposal.status in OPEN_FOR_SUPPORT
        and user.has_perm("projecten.remove_support", proposal),
        can_change=user.has_perm("projecten.change_proposal", proposal),
    )
