"""Who takes part in a handed-in proposal: the area comments and supports.

The relations come from `smederijen.predicates` and `projecten.proposals.predicates`;
this subject adds none of its own beyond the combinations below.
"""

from projecten.proposals.predicates import is_handed_in, is_of_the_area, works_for_the_area
from smederijen.predicates import is_verified_resident

# A verified resident of the area, or someone who works for it, on a handed-in proposal.
may_join_the_conversation = is_handed_in & (
    (is_verified_resident & is_of_the_area) | works_for_the_area
)
