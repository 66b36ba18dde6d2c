"""Who stands in which relation to an assessment vote. Each takes (user, vote).

Eligibility (the body minus conflicts of interest) is one SQL query shared with
the services: `projecten.votes.selectors.vote_eligible_voters`. See
docs/decisions/0008-votes.md for who counts as a decider.
"""

import rules
from django.utils import timezone

from projecten.models import VoteBody
from projecten.votes.selectors import vote_is_eligible
from smederijen.predicates import is_gebiedsregisseur_of, is_stuurgroep_member
from smederijen.roles import initiatiefgroep_smederij_ids


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
