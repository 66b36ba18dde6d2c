"""Who may review proposals, advise on them, see the advice, and set how a Smederij decides.

Imported at the end of `projecten/rules.py`, like `rules_accounting`.
See docs/decisions/0007-review-and-advice.md for who advises and who reads the advice.
"""

import rules

from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    lives_in,
)
from smederijen.roles import gebiedsregisseur_wijkteam_ids, wijkteam_ids

from .models import ProposalStatus
from .predicates import is_handed_in, is_submitter

# Statuses in which a proposal waits for the wijkteam (the default of the review queue).
AWAITING_REVIEW = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.IN_REVIEW,
    ProposalStatus.CHANGES_REQUESTED,
    ProposalStatus.DECIDING,
)


@rules.predicate
def works_in_a_wijkteam(user) -> bool:
    """A professional of any wijkteam or a gebiedsregisseur: someone with a review queue."""
    return bool(wijkteam_ids(user) or gebiedsregisseur_wijkteam_ids(user))


@rules.predicate
def is_a_gebiedsregisseur(user) -> bool:
    return bool(gebiedsregisseur_wijkteam_ids(user))


@rules.predicate
def is_open_for_advice(user, proposal) -> bool:
    return proposal is not None and proposal.status in {
        ProposalStatus.SUBMITTED,
        ProposalStatus.IN_REVIEW,
    }


@rules.predicate
def is_submitted(user, proposal) -> bool:
    return proposal is not None and proposal.status == ProposalStatus.SUBMITTED


@rules.predicate
def can_be_sent_back(user, proposal) -> bool:
    return proposal is not None and proposal.status in {
        ProposalStatus.SUBMITTED,
        ProposalStatus.IN_REVIEW,
    }


reviews = is_professional_covering | is_gebiedsregisseur_of

rules.add_perm("projecten.view_review_queue", works_in_a_wijkteam)
rules.add_perm("projecten.start_review", reviews & is_submitted)
rules.add_perm("projecten.request_changes", reviews & can_be_sent_back)
# Only the professionals of the covering wijkteam advise; the gebiedsregisseur coordinates.
rules.add_perm("projecten.advise_proposal", is_professional_covering & is_handed_in)
rules.add_perm(
    "projecten.give_advice", is_professional_covering & is_handed_in & is_open_for_advice
)
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
# How a Smederij decides (object: the Smederij).
rules.add_perm("projecten.set_decision_method", is_gebiedsregisseur_of)
rules.add_perm("projecten.view_decision_methods", is_a_gebiedsregisseur)
