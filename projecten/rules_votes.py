"""Who may open a vote, see it, vote in it and see who voted what.

Imported at the end of `projecten/rules.py`, like `rules_accounting`. The
predicates below take an AssessmentVote, except `projecten.open_vote` (a
proposal). See docs/decisions/0008-votes.md for who counts as a decider.
"""

import rules
from django.utils import timezone

from smederijen.predicates import is_gebiedsregisseur_of, is_stuurgroep_member
from smederijen.roles import initiatiefgroep_smederij_ids

from .models import ProposalStatus, VoteBody
from .selectors_votes import vote_is_eligible


@rules.predicate
def is_ready_for_a_vote(user, proposal) -> bool:
    """In review (a first vote), or being decided (a new round after a vote without quorum)."""
    return proposal is not None and proposal.status in {
        ProposalStatus.IN_REVIEW,
        ProposalStatus.DECIDING,
    }


@rules.predicate
def coordinates_vote(user, vote) -> bool:
    return vote is not None and is_gebiedsregisseur_of(user, vote.proposal.smederij)


@rules.predicate
def is_stuurgroep_vote(user, vote) -> bool:
    return vote is not None and vote.body == VoteBody.STUURGROEP


@rules.predicate
def is_of_voting_body(user, vote) -> bool:
    """A member of the body that votes, whether or not a conflict of interest keeps them out."""
    if vote is None or not user.is_authenticated:
        return False
    if vote.body == VoteBody.STUURGROEP:
        return is_stuurgroep_member(user)
    return vote.proposal.smederij_id in initiatiefgroep_smederij_ids(user)


@rules.predicate
def is_vote_open(user, vote) -> bool:
    return vote is not None and vote.closed_at is None and timezone.now() < vote.closes_at


@rules.predicate
def is_eligible_voter(user, vote) -> bool:
    return vote is not None and vote_is_eligible(vote=vote, user=user)


# Opening a vote, or putting a lange klap proposal on the stuurgroep's agenda (object: proposal).
rules.add_perm("projecten.open_vote", is_gebiedsregisseur_of & is_ready_for_a_vote)
# The vote page: the gebiedsregisseur and the members of the voting body.
rules.add_perm("projecten.view_vote", coordinates_vote | is_of_voting_body)
rules.add_perm("projecten.cast_vote", is_vote_open & is_eligible_voter)
# Who voted what: the deciders. The stuurgroep decides on lange klap, so it sees its own votes.
rules.add_perm(
    "projecten.view_vote_choices",
    coordinates_vote | (is_stuurgroep_vote & is_stuurgroep_member),
)
