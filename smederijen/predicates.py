"""Who stands in which relation to a Smederij. Each predicate takes (user, smederij).

The selectors that list Smederijen for a user filter in SQL the same way
(`smederijen.selectors.smederijen_covered_by`), so that a list never shows
what the object permission would refuse.
"""

import rules

from .models import Smederij
from .roles import (
    gebiedsregisseur_wijkteam_ids,
    group_area_ids,
    has_stuurgroep_seat,
    initiatiefgroep_smederij_ids,
    wijkteam_ids,
)


def smederij_of(obj) -> Smederij | None:
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
    smederij = smederij_of(obj)
    return smederij is not None and user.is_authenticated and user.home_area_id == smederij.area_id


@rules.predicate
def is_initiatiefgroep_member(user, obj) -> bool:
    smederij = smederij_of(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and smederij.pk in initiatiefgroep_smederij_ids(user)
    )


@rules.predicate
def is_professional_covering(user, obj) -> bool:
    """A member of the wijkteam that covers the Smederij."""
    smederij = smederij_of(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and smederij.wijkteam_id in wijkteam_ids(user)
    )


@rules.predicate
def is_gebiedsregisseur_of(user, obj) -> bool:
    smederij = smederij_of(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and smederij.wijkteam_id in gebiedsregisseur_wijkteam_ids(user)
    )


# Works for the Smederij in its wijkteam: `smederijen.selectors.smederijen_covered_by` is its
# SQL twin (a parity test keeps them equal).
covers_smederij = is_professional_covering | is_gebiedsregisseur_of


@rules.predicate
def is_stuurgroep_member(user) -> bool:
    return user.is_authenticated and has_stuurgroep_seat(user)


@rules.predicate
def is_beheerder(user) -> bool:
    return user.is_authenticated and user.is_staff


@rules.predicate
def is_group_member_of_area(user, obj) -> bool:
    """A member of a group or organisation of the Smederij's area (a club, a school, ...)."""
    smederij = smederij_of(obj)
    # Read once per request, not once per Smederij: a page of many Smederijen asks it of each.
    return smederij is not None and smederij.area_id in group_area_ids(user)
