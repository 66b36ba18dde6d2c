"""Named permissions of taking part: comments, supports. The object is a proposal."""

import rules

from projecten.participation.predicates import may_join_the_conversation
from projecten.proposals.predicates import is_open_for_support, is_submitter
from smederijen.predicates import is_gebiedsregisseur_of, is_verified_resident, lives_in

rules.add_perm("projecten.comment_proposal", may_join_the_conversation)
# Hiding a comment, with a reason (it is kept): the gebiedsregisseur of the Smederij.
rules.add_perm("projecten.hide_comment", is_gebiedsregisseur_of)
rules.add_perm(
    "projecten.support_proposal",
    is_open_for_support & is_verified_resident & lives_in & ~is_submitter,
)
# Taking one's own support back: anyone signed in, also a resident who moved away. While it
# still counts (`workflow.OPEN_FOR_SUPPORT`) is the service's rule, with its message.
rules.add_perm("projecten.remove_support", rules.is_authenticated)
