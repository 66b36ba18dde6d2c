"""Who may do what after a proposal is funded: its verantwoording and the shared goods.

Imported at the end of `projecten/rules.py`, so that these named permissions
exist wherever the others do (rules' autodiscovery imports only `rules.py`).
"""

import rules

from smederijen.predicates import (
    _smederij,
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    lives_in,
)

from .models import AccountingStatus
from .predicates import is_funded, is_running, is_submitter


@rules.predicate
def accounting_more_requested(user, proposal) -> bool:
    """The gebiedsregisseur asked for more: the submitter may file the verantwoording again."""
    if proposal is None:
        return False
    try:
        accounting = proposal.accounting
    except proposal.__class__.accounting.RelatedObjectDoesNotExist:
        return False
    return accounting.status == AccountingStatus.MORE_REQUESTED


@rules.predicate
def is_group_member_of_area(user, obj) -> bool:
    """A member of a group or organisation of the Smederij's area (a club, a school, ...)."""
    smederij = _smederij(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and user.group_memberships.filter(group__area_id=smederij.area_id).exists()
    )


@rules.predicate
def is_keeper_side(user, good) -> bool:
    """Who decides on lending a shared good: the submitter of the project that bought it."""
    return (
        good is not None
        and user.is_authenticated
        and good.proposal_id is not None
        and good.proposal.submitter_id == user.pk
    )


# Filing the verantwoording: first while the project runs, again when more was asked.
rules.add_perm("projecten.file_accounting", is_submitter & (is_running | accounting_more_requested))
# Approving it or asking for more (on a proposal; the predicate finds its Smederij).
rules.add_perm("projecten.check_accounting", is_gebiedsregisseur_of)
# The shared goods of a Smederij (object: the Smederij).
rules.add_perm(
    "projecten.view_shared_goods",
    lives_in
    | is_initiatiefgroep_member
    | is_group_member_of_area
    | is_professional_covering
    | is_gebiedsregisseur_of
    | is_stuurgroep_member,
)
rules.add_perm("projecten.borrow_shared_good", is_group_member_of_area)
# Registering what a funded project bought (object: the proposal).
rules.add_perm(
    "projecten.register_shared_good", is_funded & (is_submitter | is_gebiedsregisseur_of)
)
# Accepting or declining a borrow request (object: the shared good).
rules.add_perm("projecten.decide_borrow_request", is_keeper_side | is_gebiedsregisseur_of)
