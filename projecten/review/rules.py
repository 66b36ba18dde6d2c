"""Named permissions of the wijkteam's review: the queue, taking a proposal up, advice, asking
for changes, and how a Smederij decides. The object is a proposal unless said otherwise."""

import rules

from projecten.proposals.predicates import (
    is_handed_in,
    is_submitter,
    reviews,
)
from projecten.review.predicates import is_a_gebiedsregisseur, works_in_a_wijkteam
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    lives_in,
)

# The review queue (no object) and what is on it: `review_queue(user)` is its SQL twin.
rules.add_perm("projecten.view_review_queue", works_in_a_wijkteam)
# Those who review a proposal: taking it into review and asking for changes. Whether its
# status allows the move now is the lifecycle's (`workflow.can_move`); the service says why
# not with a message, and the page shows the button only when both hold.
rules.add_perm("projecten.review_proposal", reviews & is_handed_in)
# Only the professionals of the covering wijkteam advise; the gebiedsregisseur coordinates.
# They give or change it while the status is in `workflow.OPEN_FOR_ADVICE`.
rules.add_perm("projecten.advise_proposal", is_professional_covering & is_handed_in)
# The full advice: the submitter, those who decide (initiatiefgroep, stuurgroep) and the wijkteam.
rules.add_perm(
    "projecten.view_advice",
    is_handed_in
    & (
        is_submitter
        | is_initiatiefgroep_member
        | is_professional_covering
        | is_gebiedsregisseur_of
        | is_stuurgroep_member
    ),
)
# Residents of the area see only that advice was given, and how often.
rules.add_perm("projecten.view_advice_count", is_handed_in & lives_in)
# How a Smederij decides (object: the Smederij); the page of all of them (no object).
rules.add_perm("projecten.set_decision_method", is_gebiedsregisseur_of)
rules.add_perm("projecten.view_decision_methods", is_a_gebiedsregisseur)
