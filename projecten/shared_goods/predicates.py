"""Who keeps a shared good. Each takes (user, good)."""

import rules


@rules.predicate
def is_keeper_side(user, good) -> bool:
    """Who decides on lending a shared good: the submitter of the project that bought it."""
    return (
        good is not None
        and user.is_authenticated
        and good.proposal_id is not None
        and good.proposal.submitter_id == user.pk
    )
