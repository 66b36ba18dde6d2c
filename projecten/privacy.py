"""projecten's part of a resident's AVG rights: export and erasure (decision 0029).

smederijen owns the account but may not import projecten, so this module registers a
hook with `smederijen.privacy.registry` (from ProjectenConfig.ready). The export holds
the resident's own rows only. Election ballots are secret (decision 0011): the export
says that the resident voted in a round, never what; erasure never reads a ballot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from projecten.models import (
    Accounting,
    Attachment,
    BallotVoter,
    BorrowRequest,
    Comment,
    Proposal,
    ProposalStatus,
    Support,
    VoteCast,
)
from smederijen.privacy.registry import PrivacyHook, register

if TYPE_CHECKING:
    from smederijen.models import User


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _proposal_ref(proposal: Proposal) -> dict[str, Any]:
    return {"id": proposal.pk, "title": proposal.title, "smederij": proposal.smederij.name}


def export(user: User) -> dict[str, Any]:
    proposals = Proposal.objects.filter(submitter=user).select_related("smederij", "group")
    return {
        "proposals": [
            {
                **_proposal_ref(p),
                "status": p.get_status_display(),
                "klap": p.get_klap_display(),
                "year": p.year,
                "group": p.group.name if p.group_id else None,
                "summary": p.summary,
                "description": p.description,
                "social_side": p.social_side,
                "location": p.location,
                "eigen_inzet": p.eigen_inzet,
                "draagvlak": p.draagvlak,
                "amount_requested": str(p.amount_requested)
                if p.amount_requested is not None
                else None,
                "created_at": _when(p.created_at),
                "submitted_at": _when(p.submitted_at),
            }
            for p in proposals
        ],
        "comments": [
            {
                "proposal": _proposal_ref(c.proposal),
                "comment": c.body,
                "written_at": _when(c.created_at),
                "hidden": c.is_hidden,
            }
            for c in Comment.objects.filter(author=user).select_related("proposal__smederij")
        ],
        "supports": [
            {"proposal": _proposal_ref(s.proposal), "at": _when(s.created_at)}
            for s in Support.objects.filter(user=user).select_related("proposal__smederij")
        ],
        "assessment_votes": [
            {
                "proposal": _proposal_ref(v.vote.proposal),
                "body": v.vote.get_body_display(),
                "choice": v.get_choice_display(),
                "motivation": v.motivation,
                "cast_at": _when(v.cast_at),
            }
            for v in VoteCast.objects.filter(voter=user).select_related("vote__proposal__smederij")
        ],
        # That they voted, never what: the ballot has no voter (decision 0011).
        "elections": {
            "note": _("Your choice in an election is secret and is not part of this copy."),
            "voted_in": [
                {
                    "smederij": p.election_round.smederij.name,
                    "year": p.election_round.year,
                    "first_voted_at": _when(p.voted_at),
                }
                for p in BallotVoter.objects.filter(voter=user).select_related(
                    "election_round__smederij"
                )
            ],
        },
        "attachments": [
            {
                "proposal": _proposal_ref(a.proposal),
                "file_name": a.original_name,
                "kind": a.get_kind_display(),
                "uploaded_at": _when(a.uploaded_at),
            }
            for a in Attachment.objects.filter(uploaded_by=user).select_related(
                "proposal__smederij"
            )
        ],
        "verantwoordingen": [
            {"proposal": _proposal_ref(a.proposal), "submitted_at": _when(a.submitted_at)}
            for a in Accounting.objects.filter(submitted_by=user).select_related(
                "proposal__smederij"
            )
        ],
        "borrow_requests": [
            {"good": b.good.name, "from": _when(b.from_date), "status": b.get_status_display()}
            for b in BorrowRequest.objects.filter(requested_by=user).select_related("good")
        ],
    }


def _kept_for_the_archive(attachment: Attachment) -> bool:
    """A funded project's verantwoording is a financial record: the municipality keeps it
    seven years (Archiefwet, fiscal retention), whoever uploaded it."""
    return attachment.accounting_id is not None and attachment.proposal.grants.exists()


def erase(user: User) -> list[str]:
    files: list[str] = []
    for attachment in Attachment.objects.filter(uploaded_by=user).select_related("proposal"):
        if _kept_for_the_archive(attachment):
            continue
        files.append(attachment.file.name)
        attachment.delete()
    # A draft was never sent in: only the resident ever saw it.
    for draft in Proposal.objects.filter(submitter=user, status=ProposalStatus.DRAFT):
        names = [a.file.name for a in draft.attachments.all()]
        try:
            draft.delete()
        except ProtectedError:
            continue
        files.extend(names)
    # While a round is open the participation still points at the ballot (to allow a
    # change); nobody will change it now, so the link goes as at the close.
    BallotVoter.objects.filter(voter=user, ballot__isnull=False).update(ballot=None)
    return files


register(PrivacyHook(name="projecten", export=export, erase=erase))
