"""Named permissions of accounts."""

import rules

from smederijen.accounts.predicates import is_gebiedsregisseur_of_new_area

# Accepting a resident's move: the gebiedsregisseur of the area they move to (object: the request).
rules.add_perm("smederijen.decide_area_change", is_gebiedsregisseur_of_new_area)
