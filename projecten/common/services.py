"""What every service of projecten does the same way: check a permission, lock a proposal,
write its timeline, make a move of the lifecycle.

These are public helpers for the services of the subjects (and only for them):
a view never calls them. Each service still owns its transaction.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from projecten.common import notifications, timeline
from projecten.models import Proposal, ProposalEvent
from projecten.models.proposal import EventKind
from projecten.workflow import ProposalStatus, check_transition
from smederijen.models import User


def permission_require(actor: User, permission: str, obj=None) -> None:
    """The service's own check of the permission the view asked (a service never trusts its caller)."""
    if not actor.has_perm(permission, obj):
        raise PermissionDenied(permission)


def proposal_lock(proposal: Proposal) -> Proposal:
    """The proposal row, locked for the rest of the transaction, as it is now."""
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def event_record(
    proposal: Proposal,
    *,
    kind: str,
    actor: User | None,
    what: str = "",
    data: dict | None = None,
    message: str = "",
    **statuses,
) -> None:
    """One entry on the proposal's timeline: `what` is a code of projecten.common.timeline
    and `data` its plain values (the sentence is written for each reader); `message` only
    ever holds what a person typed."""
    ProposalEvent.objects.create(
        proposal=proposal,
        kind=kind,
        actor=actor,
        what=what,
        data=data or {},
        message=message,
        **statuses,
    )


def proposal_transition(
    proposal: Proposal,
    name: str,
    *,
    actor: User | None,
    message: str = "",
    what: str = "",
    data: dict | None = None,
    notify: bool = True,
) -> Proposal:
    """Make a move of the lifecycle on a locked proposal, record it, and (unless `notify` is
    False, when the caller sends its own letter) email the submitter.

    `message` is what the actor typed (a reason); `what` and `data` say in a code what the
    system adds (an election's count), written in the reader's language."""
    transition = check_transition(proposal.status, name)
    previous = proposal.status
    proposal.status = transition.target
    update = ["status", "updated_at"]
    if transition.target == ProposalStatus.SUBMITTED:
        proposal.submitted_at = timezone.now()
        update.append("submitted_at")
    proposal.save(update_fields=update)
    event_record(
        proposal,
        kind=EventKind.STATUS,
        actor=actor,
        what=what,
        data=data,
        message=message,
        from_status=previous,
        to_status=transition.target,
    )
    if notify:
        notifications.status_changed(
            proposal, previous=previous, message=message, note=timeline.describe_lazy(what, data)
        )
    return proposal
