"""Who may do what to a proposal. Each predicate takes (user, proposal).

`projecten.selectors.proposals_visible_to` filters in SQL the same way as
`can_view_proposal`, so that lists never show what the detail page refuses.
"""

import rules

from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    lives_in,
)

from .models import FUNDED_STATUSES, ProposalStatus
from .workflow import BEFORE_DECISION, EDITABLE_STATUSES

NOT_YET_SUBMITTED = {ProposalStatus.DRAFT}
HIDDEN_FROM_THE_AREA = {ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN}


@rules.predicate
def is_submitter(user, proposal) -> bool:
    return proposal is not None and user.is_authenticated and proposal.submitter_id == user.pk


@rules.predicate
def is_handed_in(user, proposal) -> bool:
    """Submitted at some point and not withdrawn: visible to the area and its wijkteam."""
    return proposal is not None and proposal.status not in HIDDEN_FROM_THE_AREA


@rules.predicate
def is_funded(user, proposal) -> bool:
    return proposal is not None and proposal.status in FUNDED_STATUSES


@rules.predicate
def is_editable(user, proposal) -> bool:
    return proposal is not None and proposal.status in EDITABLE_STATUSES


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.status == ProposalStatus.DRAFT


@rules.predicate
def is_before_decision(user, proposal) -> bool:
    return proposal is not None and proposal.status in BEFORE_DECISION


@rules.predicate
def is_open_for_support(user, proposal) -> bool:
    return proposal is not None and proposal.status in {
        ProposalStatus.SUBMITTED,
        ProposalStatus.IN_REVIEW,
        ProposalStatus.CHANGES_REQUESTED,
        ProposalStatus.DECIDING,
    }


@rules.predicate
def is_running(user, proposal) -> bool:
    return proposal is not None and proposal.status in {
        ProposalStatus.APPROVED,
        ProposalStatus.IN_PROGRESS,
    }


is_of_the_area = lives_in | is_initiatiefgroep_member
works_for_the_area = is_professional_covering | is_gebiedsregisseur_of | is_stuurgroep_member

can_view_proposal = (
    is_submitter | is_funded | (is_handed_in & (is_of_the_area | works_for_the_area))
)
can_view_private_parts = is_submitter | works_for_the_area
