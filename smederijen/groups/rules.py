"""Named permissions of the initiatiefgroep (object: the Smederij) and of the groups of an
area (object: the group)."""

import rules

from smederijen.groups.predicates import (
    covers_group_area,
    is_group_contact,
    is_group_member,
    lives_in_group_area,
    may_ask_to_join,
)
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_verified_resident,
)

# The page of a Smederij for its initiatiefgroep (members' list, applications to assess).
rules.add_perm(
    "smederijen.view_initiatiefgroep", is_initiatiefgroep_member | is_gebiedsregisseur_of
)
# Accepting or declining a request to join: its members and the gebiedsregisseur (object:
# the request; the predicates find its Smederij).
rules.add_perm("smederijen.decide_join_request", is_initiatiefgroep_member | is_gebiedsregisseur_of)
# Asking to join a Smederij's initiatiefgroep: a verified resident of its area, not a member
# yet (`groups.selectors.initiatiefgroep_join_refusal` is the rule, and says why not).
rules.add_perm("smederijen.join_initiatiefgroep", may_ask_to_join)
# Groups of an area. Registering one needs a verified resident (no object).
rules.add_perm("smederijen.register_group", is_verified_resident)
rules.add_perm("smederijen.view_group", lives_in_group_area | is_group_member | covers_group_area)
rules.add_perm("smederijen.invite_to_group", is_group_contact)
