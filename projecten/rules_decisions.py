"""Who may decide on a proposal, handle its money, and read its decision letter.

Imported at the end of `projecten/rules.py`, like the permissions after funding.
The object is always a proposal; the predicates find its Smederij.
"""

import rules

from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_professional_covering,
    is_stuurgroep_member,
)

from .predicates import is_submitter

# Approving, rejecting or deferring a proposal: the gebiedsregisseur of its Smederij.
rules.add_perm("projecten.decide_proposal", is_gebiedsregisseur_of)
# Advances, payments, cancelling and refunds: the same person, who answers for the money.
rules.add_perm("projecten.manage_money", is_gebiedsregisseur_of)
# The decision letter: the submitter, the wijkteam, the gebiedsregisseur and the stuurgroep.
rules.add_perm(
    "projecten.view_decision_letter",
    is_submitter | is_professional_covering | is_gebiedsregisseur_of | is_stuurgroep_member,
)
