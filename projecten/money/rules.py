"""Named permissions of the money after a decision. The object is a proposal."""

import rules

from smederijen.predicates import is_gebiedsregisseur_of

# The money page, advances, payments, cancelling, refunds and completing: the
# gebiedsregisseur of the Smederij, who answers for the money.
rules.add_perm("projecten.manage_money", is_gebiedsregisseur_of)
