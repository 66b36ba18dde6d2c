"""Named permissions on Smederijen, built from the predicates.

`rules.apps.AutodiscoverRulesConfig` imports this module at start-up.
"""

import rules

from .predicates import (
    covers_group_area,
    is_gebiedsregisseur_of,
    is_gebiedsregisseur_of_new_area,
    is_group_contact,
    is_group_member,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    is_verified_resident,
    lives_in,
    lives_in_group_area,
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

# Asking to join a Smederij's initiatiefgroep: a verified resident of its area, not a member yet.
rules.add_perm(
    "smederijen.join_initiatiefgroep",
    is_verified_resident & lives_in & ~is_initiatiefgroep_member,
)
# Accepting a resident's move: the gebiedsregisseur of the area they move to (object: the request).
rules.add_perm("smederijen.decide_area_change", is_gebiedsregisseur_of_new_area)
# Groups of an area (object: the group). Registering one needs a verified resident.
rules.add_perm("smederijen.register_group", is_verified_resident)
rules.add_perm("smederijen.view_group", lives_in_group_area | is_group_member | covers_group_area)
rules.add_perm("smederijen.invite_to_group", is_group_contact)
