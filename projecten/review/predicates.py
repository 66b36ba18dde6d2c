"""Who reviews: the professionals of the covering wijkteam and its gebiedsregisseur.

See docs/decisions/0007-review-and-advice.md for who advises and who reads the advice.
"""

import rules

from smederijen.roles import gebiedsregisseur_wijkteam_ids, wijkteam_ids


@rules.predicate
def works_in_a_wijkteam(user) -> bool:
    """A professional of any wijkteam or a gebiedsregisseur: someone with a review queue."""
    return bool(wijkteam_ids(user) or gebiedsregisseur_wijkteam_ids(user))


@rules.predicate
def is_a_gebiedsregisseur(user) -> bool:
    return bool(gebiedsregisseur_wijkteam_ids(user))
