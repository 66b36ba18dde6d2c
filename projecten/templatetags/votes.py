"""What the vote part of a proposal page needs: its votes, their results, and the links.

The proposal page's view belongs to the proposal's journey; this part adds to
it without changing it. A fixed number of queries, however many rounds: the
votes, and one check each for coordinator and body membership. The counts of a
closed vote are public (like the rest of the proposal page); who voted what is
on the vote page, for the deciders only.
"""

from django import template

from ..models import DecisionMethodKind, Klap, ProposalStatus, VoteOutcome
from ..rules_votes import is_of_voting_body
from ..selectors_votes import votes_of_proposal
from ..services.review import decision_method_of

register = template.Library()

BEFORE_REVIEW = {
    ProposalStatus.DRAFT,
    ProposalStatus.SUBMITTED,
    ProposalStatus.CHANGES_REQUESTED,
}


@register.simple_tag(takes_context=True)
def votes_for(context, proposal) -> dict:
    user = context["request"].user
    # Before the review there is nothing to vote on yet: no query.
    if proposal.status in BEFORE_REVIEW:
        return {"votes": [], "can_open": False}
    votes = votes_of_proposal(proposal)
    coordinator = user.has_perm("smederijen.coordinate_smederij", proposal.smederij)
    member_of: dict[str, bool] = {}
    for vote in votes:
        vote.proposal = proposal
        if vote.body not in member_of:
            member_of[vote.body] = is_of_voting_body(user, vote)
        vote.can_view = coordinator or member_of[vote.body]
    return {"votes": votes, "can_open": coordinator and _may_open(proposal, votes)}


def _may_open(proposal, votes) -> bool:
    """The button: a first vote in review, a new round only after a vote without quorum."""
    if any(vote.closed_at is None for vote in votes):
        return False
    if proposal.status == ProposalStatus.DECIDING:
        if not votes or votes[0].outcome != VoteOutcome.NO_QUORUM:
            return False
    elif proposal.status != ProposalStatus.IN_REVIEW:
        return False
    if proposal.klap == Klap.LANGE:
        return True
    return (
        decision_method_of(smederij=proposal.smederij, year=proposal.year)
        == DecisionMethodKind.ASSESSMENT
    )
