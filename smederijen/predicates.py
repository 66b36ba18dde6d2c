"""Who stands in which relation to a Smederij. Each predicate takes (user, smederij).

The selectors that list Smederijen for a user filter in SQL the same way
(`smederijen.selectors.smederijen_covered_by`), so that a list never shows
what the object permission would refuse.
"""

import rules

from .models import Smederij
from .roles import gebiedsregisseur_wijkteam_ids, initiatiefgroep_smederij_ids, wijkteam_ids


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


@rules.predicate
def is_stuurgroep_member(user) -> bool:
    return user.is_authenticated and hasattr(user, "stuurgroep_membership")


@rules.predicate
def is_beheerder(user) -> bool:
    return user.is_authenticated and user.is_staff


# --- Requests to change area, and the groups of an area (take the request or the group) ---


@rules.predicate
def is_gebiedsregisseur_of_new_area(user, change_request) -> bool:
    """The gebiedsregisseur of the wijkteam that covers the area a resident asks to move to."""
    return (
        change_request is not None
        and user.is_authenticated
        and user.gebiedsregisseur_assignments.filter(
            wijkteam__smederijen__area_id=change_request.to_area_id
        ).exists()
    )


@rules.predicate
def lives_in_group_area(user, group) -> bool:
    return group is not None and user.is_authenticated and user.home_area_id == group.area_id


@rules.predicate
def is_group_member(user, group) -> bool:
    return (
        group is not None
        and user.is_authenticated
        and group.memberships.filter(user_id=user.pk).exists()
    )


@rules.predicate
def is_group_contact(user, group) -> bool:
    return (
        group is not None
        and user.is_authenticated
        and group.memberships.filter(user_id=user.pk, is_contact=True).exists()
    )


@rules.predicate
def covers_group_area(user, group) -> bool:
    """A professional or gebiedsregisseur of the wijkteam of the group's Smederij."""
    if group is None or not user.is_authenticated:
        return False
    wijkteams = Smederij.objects.filter(area_id=group.area_id).values("wijkteam")
    return (
        user.wijkteam_memberships.filter(wijkteam__in=wijkteams).exists()
        or user.gebiedsregisseur_assignments.filter(wijkteam__in=wijkteams).exists()
    )


@rules.predicate
def is_group_member_of_area(user, obj) -> bool:
    """A member of a group or organisation of the Smederij's area (a club, a school, ...)."""
    smederij = smederij_of(obj)
    return (
        smederij is not None
        and user.is_authenticated
        and user.group_memberships.filter(group__area_id=smederij.area_id).exists()
    )
