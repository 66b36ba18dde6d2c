"""Named permissions on Smederijen, built from the predicates.

`rules.apps.AutodiscoverRulesConfig` imports this module at start-up.
"""

import rules

from .predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    lives_in,
)

# The page of a Smederij for its initiatiefgroep (members' list, applications to assess).
rules.add_perm(
    "smederijen.view_initiatiefgroep", is_initiatiefgroep_member | is_gebiedsregisseur_of
)
# Proposals of a Smederij that are not public yet: its residents, its wijkteam, the stuurgroep.
rules.add_perm(
    "smederijen.view_smederij_proposals",
    lives_in
    | is_initiatiefgroep_member
    | is_professional_covering
    | is_gebiedsregisseur_of
    | is_stuurgroep_member,
)
# Review work (advice, asking for changes) on the Smederij's proposals.
rules.add_perm("smederijen.review_for_smederij", is_professional_covering | is_gebiedsregisseur_of)
# Opening rounds and votes, recording decisions and payments.
rules.add_perm("smederijen.coordinate_smederij", is_gebiedsregisseur_of)
