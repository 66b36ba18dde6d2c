"""Named permissions of the proposal itself: seeing it, writing it, handing it in, taking it back.

Views ask these (`PermissionRequiredMixin`), services ask them again, and the
pages receive them from their selector. Every permission of projecten is
imported by `projecten/rules.py`, the module `rules` discovers.
"""

import rules

from projecten.proposals.predicates import (
    can_view_private_parts,
    can_view_proposal,
    has_a_smederij,
    is_before_decision,
    is_editable,
    is_submitter,
    lives_there,
    may_submit,
)
from smederijen.predicates import (
    is_gebiedsregisseur_of,
    is_initiatiefgroep_member,
    is_professional_covering,
    is_stuurgroep_member,
    is_verified_resident,
    lives_in,
)

# Starting a draft (no object): for one's own Smederij, so a home area is needed. Not
# `add_proposal`: Django's ModelBackend would grant that name to staff with the model
# permission when no object is given.
rules.add_perm("projecten.create_proposal", has_a_smederij)
rules.add_perm("projecten.view_proposal", can_view_proposal)
# Receipts, quotes, signature lists and photos without consent: not for the whole area.
rules.add_perm("projecten.view_private_parts", can_view_private_parts)
# The text, budget lines, co-funding and attachments, while the submitter may change them.
rules.add_perm("projecten.change_proposal", is_submitter & is_editable)
# Handing in a draft, or again after the wijkteam asked for changes: a verified resident
# who still lives in the Smederij's area.
rules.add_perm(
    "projecten.submit_proposal", is_submitter & may_submit & is_verified_resident & lives_in
)
rules.add_perm("projecten.withdraw_proposal", is_submitter & is_before_decision)
# The list of a Smederij's handed-in proposals (object: the Smederij).
rules.add_perm(
    "projecten.view_smederij_proposals",
    lives_there
    | is_initiatiefgroep_member
    | is_professional_covering
    | is_gebiedsregisseur_of
    | is_stuurgroep_member,
)
