"""Who keeps a shared good. Each takes (user, good)."""

import rules

from projecten.models import SharedGood


@rules.predicate
def is_keeper_side(user, good) -> bool:
    """Who decides on lending a shared good: the submitter of the project that bought it."""
    # Asked of a Smederij (the list of all its goods), only the gebiedsregisseur decides.
    return (
        isinstance(good, SharedGood)
        and user.is_authenticated
        and good.proposal_id is not None
        and good.proposal.submitter_id == user.pk
    )
