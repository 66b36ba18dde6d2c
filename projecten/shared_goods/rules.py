"""Named permissions of what funded projects bought and share with the area."""

import rules

from projecten.proposals.predicates import is_funded, is_submitter
from projecten.shared_goods.predicates import is_keeper_side
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_group_member_of_area,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    lives_in,
)

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
# Asking to borrow one: the groups and organisations of the area (object: the Smederij).
rules.add_perm("projecten.borrow_shared_good", is_group_member_of_area)
# Registering what a funded project bought (object: the proposal).
rules.add_perm(
    "projecten.register_shared_good", is_funded & (is_submitter | is_gebiedsregisseur_of)
)
# Accepting or declining a borrow request (object: the shared good, or the Smederij for
# the list of every request).
rules.add_perm("projecten.decide_borrow_request", is_keeper_side | is_gebiedsregisseur_of)
