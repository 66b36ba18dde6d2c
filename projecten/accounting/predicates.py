"""Where a verantwoording stands, for the permissions of filing it again. Each takes (user, proposal)."""

import rules

from projecten.models import AccountingStatus


@rules.predicate
def accounting_more_requested(user, proposal) -> bool:
    """The gebiedsregisseur asked for more: the submitter may file the verantwoording again."""
    if proposal is None:
        return False
    try:
        accounting = proposal.accounting
    except proposal.__class__.accounting.RelatedObjectDoesNotExist:
        return False
    return accounting.status == AccountingStatus.MORE_REQUESTED
