"""Who stands in which relation to a Smederij. Each predicate takes (user, smederij).

The selectors that list Smederijen for a user filter in SQL the same way
(`smederijen.selectors.smederijen_covered_by`), so that a list never shows
what the object permission would refuse.
"""

import rules

from .models import Smederij


def _smederij(obj) -> Smederij | None:
    """Predicates accept a Smederij or anything that belongs to one (a proposal)."""
    if obj is None:
        return None
    if isinstance(obj, Smederij):
        return obj
    return getattr(obj, "smederij", None)


@rules.predicate
def is_verified_resident(user) -> bool:
    return (
        user.is_authenticated
        and user.home_area_id is not None
        and user.email_verified_at is not None
    )


@rules.predicate
def lives_in(user, obj) -> bool:
    smederij = _smederij(obj)
    return smederij is not None and user.is_authenticated and user.home_area_id == smederij.area_id


@rules.predicate
def is_initiatiefgroep_member(user, obj) -> bool:
    smederij = _smederij(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and user.initiatiefgroep_memberships.filter(smederij=smederij).exists()
    )


@rules.predicate
def is_professional_covering(user, obj) -> bool:
    """A member of the wijkteam that covers the Smederij."""
    smederij = _smederij(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and user.wijkteam_memberships.filter(wijkteam_id=smederij.wijkteam_id).exists()
    )


@rules.predicate
def is_gebiedsregisseur_of(user, obj) -> bool:
    smederij = _smederij(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and user.gebiedsregisseur_assignments.filter(wijkteam_id=smederij.wijkteam_id).exists()
    )


@rules.predicate
def is_stuurgroep_member(user) -> bool:
    return user.is_authenticated and hasattr(user, "stuurgroep_membership")


@rules.predicate
def is_beheerder(user) -> bool:
    return user.is_authenticated and user.is_staff
