"""Named permissions of the Smederij election. The object is an election round (it has `.smederij`).

The window, the freeze and the count are rules of the services, not of these
permissions: a permission says who, a service says when.
"""

import rules

from projecten.proposals.predicates import lives_there
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    is_verified_resident,
    lives_in,
)

# Setting up a round (object: the Smederij), changing its rules, fixing the ballot, recounting.
rules.add_perm("projecten.coordinate_election", is_gebiedsregisseur_of)
# Holding an idea back from the ballot (it fails the criteria).
rules.add_perm("projecten.hold_back_idea", is_initiatiefgroep_member | is_gebiedsregisseur_of)
# Voting online: a verified resident of the Smederij's area.
rules.add_perm("projecten.vote_in_round", is_verified_resident & lives_in)
# Entering the paper tally of the evening: members of the initiatiefgroep, who run it, and the
# gebiedsregisseur (DESIGN.md: "enter paper ballots"). Two different people enter it.
rules.add_perm("projecten.enter_paper_tally", is_initiatiefgroep_member | is_gebiedsregisseur_of)
# The ideas on the ballot before the result: those who may see the Smederij's proposals.
rules.add_perm(
    "projecten.view_election_ideas",
    lives_there
    | is_initiatiefgroep_member
    | is_professional_covering
    | is_gebiedsregisseur_of
    | is_stuurgroep_member,
)
