"""Named permissions on proposals. Views ask these; services ask them again."""

import rules

from smederijen.predicates import is_gebiedsregisseur_of, is_verified_resident, lives_in

from .predicates import (
    can_view_private_parts,
    can_view_proposal,
    is_before_decision,
    is_draft,
    is_editable,
    is_handed_in,
    is_of_the_area,
    is_open_for_support,
    is_running,
    is_submitter,
    works_for_the_area,
)

rules.add_perm("projecten.view_proposal", can_view_proposal)
# Receipts, quotes, signature lists and photos without consent: not for the whole area.
rules.add_perm("projecten.view_private_parts", can_view_private_parts)
rules.add_perm("projecten.change_proposal", is_submitter & is_editable)
rules.add_perm(
    "projecten.submit_proposal", is_submitter & is_draft & is_verified_resident & lives_in
)
rules.add_perm("projecten.withdraw_proposal", is_submitter & is_before_decision)
rules.add_perm(
    "projecten.comment_proposal",
    is_handed_in & ((is_verified_resident & is_of_the_area) | works_for_the_area),
)
rules.add_perm(
    "projecten.support_proposal",
    is_open_for_support & is_verified_resident & lives_in & ~is_submitter,
)
rules.add_perm("projecten.hide_comment", is_gebiedsregisseur_of)
rules.add_perm("projecten.account_proposal", is_submitter & is_running)

# The permissions after funding (verantwoording, shared goods), of the review by the
# wijkteam (queue, advice, changes, the decision method) and of the decision and the
# money after it, and of the Smederij election, live in their own modules.
from . import (  # noqa: E402
    rules_accounting,  # noqa: F401
    rules_decisions,  # noqa: F401
    rules_election,  # noqa: F401
    rules_review,  # noqa: F401
    rules_votes,  # noqa: F401
)
