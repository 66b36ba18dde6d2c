"""The selector of the proposal page: everything it shows, asked once by its view.

Each part comes from the selector of its subject (review, votes, decision,
verantwoording, taking part); the template only renders them. A fixed number of
queries whatever the number of comments, advices, votes, lines and payments.
"""

from dataclasses import dataclass

from projecten.accounting.selectors import AccountingPart, accounting_part
from projecten.decisions.selectors import DecisionPart, decision_part
from projecten.models import Attachment, Proposal
from projecten.participation.selectors import ParticipationPart, participation_part
from projecten.review.selectors import ReviewPart, review_part
from projecten.votes.selectors import VotePart, vote_part


@dataclass(frozen=True)
class ProposalPage:
    proposal: Proposal
    attachments: list[Attachment]
    can_edit: bool
    can_withdraw: bool
    can_view_advice: bool
    accounting: AccountingPart | None
    votes: VotePart
    decision: DecisionPart
    review: ReviewPart
    participation: ParticipationPart


def proposal_page(*, user, proposal: Proposal, comments_page=1) -> ProposalPage:
    """`proposal` comes from `proposal_detail` (its parts prefetched); `comments_page` is the
    page of its comments to show (as asked: not a number or out of range gives the nearest)."""
    private = user.has_perm("projecten.view_private_parts", proposal)
    review = review_part(user=user, proposal=proposal)
    return ProposalPage(
        proposal=proposal,
        # Receipts, quotes and photos without consent only for those who may see private parts.
        attachments=[
            a for a in proposal.attachments.all() if private or (a.is_image and a.publish_consent)
        ],
        can_edit=user.has_perm("projecten.change_proposal", proposal),
        can_withdraw=user.has_perm("projecten.withdraw_proposal", proposal),
        # The advice in the timeline is for the submitter and the deciders (decision 0007).
        can_view_advice=review.can_view_advice,
        accounting=accounting_part(user=user, proposal=proposal),
        votes=vote_part(user=user, proposal=proposal),
        decision=decision_part(user=user, proposal=proposal),
        review=review,
        participation=participation_part(user=user, proposal=proposal, comments_page=comments_page),
    )
