"""Who stands in which relation to a proposal, and what its status allows. Each takes (user, proposal).

The status predicates read the named sets and the transition table of
`projecten/workflow.py`; nothing here lists statuses of its own. The relations
to the proposal's Smederij are `smederijen.predicates` (they accept anything
with a `.smederij`). `projecten.proposals.selectors.proposals_visible_to`
filters in SQL as `can_view_proposal` decides; a parity test keeps them equal.
"""

import rules

from projecten import workflow
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    is_verified_resident,
    lives_in,
)


def status_in(statuses, name: str):
    """A predicate: the proposal's status is one of `statuses`."""

    def check(user, proposal) -> bool:
        return proposal is not None and proposal.status in statuses

    return rules.predicate(check, name=name)


def may_move(transition: str):
    """A predicate: the lifecycle allows `transition` from the proposal's status."""

    def check(user, proposal) -> bool:
        return proposal is not None and workflow.can_move(proposal.status, transition)

    return rules.predicate(check, name=f"may_{transition}")


@rules.predicate
def is_submitter(user, proposal) -> bool:
    return proposal is not None and user.is_authenticated and proposal.submitter_id == user.pk


@rules.predicate
def has_a_smederij(user) -> bool:
    """Signed in with a home area: the resident's own Smederij is where their proposals go."""
    return user.is_authenticated and user.home_area_id is not None


is_handed_in = rules.predicate(
    lambda user, proposal: (
        proposal is not None and proposal.status not in workflow.HIDDEN_FROM_THE_AREA
    ),
    name="is_handed_in",
)
is_funded = status_in(workflow.FUNDED_STATUSES, "is_funded")
is_editable = status_in(workflow.EDITABLE_STATUSES, "is_editable")
is_before_decision = status_in(workflow.BEFORE_DECISION, "is_before_decision")
is_open_for_support = status_in(workflow.OPEN_FOR_SUPPORT, "is_open_for_support")
is_running = status_in(workflow.RUNNING_STATUSES, "is_running")
may_submit = may_move("submit") | may_move("resubmit")

# Living in the area counts once the address is confirmed: the home area comes from a
# postcode anyone can type, so an unconfirmed account reads what a visitor reads (the
# funded projects) and its own proposals, not what the area's residents handed in.
lives_there = is_verified_resident & lives_in
is_of_the_area = lives_there | is_initiatiefgroep_member
works_for_the_area = is_professional_covering | is_gebiedsregisseur_of | is_stuurgroep_member
reviews = is_professional_covering | is_gebiedsregisseur_of

can_view_proposal = (
    is_submitter | is_funded | (is_handed_in & (is_of_the_area | works_for_the_area))
)
# Drafts and withdrawn proposals are the submitter's alone, their attachments too.
can_view_private_parts = is_submitter | (is_handed_in & works_for_the_area)
