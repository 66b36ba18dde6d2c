"""Named permissions of the assessment votes. The object is an AssessmentVote, except
`projecten.open_vote` (a proposal)."""

import rules

from projecten.votes.predicates import (
    coordinates_vote,
    is_eligible_voter,
    is_of_voting_body,
    is_stuurgroep_vote,
    is_vote_open,
)
from smederijen.predicates import is_gebiedsregisseur_of, is_stuurgroep_member

# Opening a vote, or putting a lange klap proposal on the stuurgroep's agenda (object: proposal).
# Who opens a vote. Whether one can open now (in review or, after no quorum, while deciding;
# none open; not where an election decides) is `votes.selectors.vote_open_refusal`: the
# page shows the button only then, and the service says why not.
rules.add_perm("projecten.open_vote", is_gebiedsregisseur_of)
# The vote page: the gebiedsregisseur and the members of the voting body.
rules.add_perm("projecten.view_vote", coordinates_vote | is_of_voting_body)
rules.add_perm("projecten.cast_vote", is_vote_open & is_eligible_voter)
# Who voted what: the deciders. The stuurgroep decides on lange klap, so it sees its own votes.
rules.add_perm(
    "projecten.view_vote_choices",
    coordinates_vote | (is_stuurgroep_vote & is_stuurgroep_member),
)
