"""Named permissions of the decision and its letter. The object is a proposal."""

import rules

from projecten.proposals.predicates import is_submitter, may_move
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_professional_covering,
    is_stuurgroep_member,
)

# Approving, rejecting or deferring a proposal: the gebiedsregisseur of its Smederij.
rules.add_perm("projecten.decide_proposal", is_gebiedsregisseur_of)
# Taking a deferred proposal up again once the next year is open.
rules.add_perm("projecten.reopen_proposal", is_gebiedsregisseur_of & may_move("reopen"))
# The decision letter: the submitter, the wijkteam, the gebiedsregisseur and the stuurgroep.
rules.add_perm(
    "projecten.view_decision_letter",
    is_submitter | is_professional_covering | is_gebiedsregisseur_of | is_stuurgroep_member,
)
