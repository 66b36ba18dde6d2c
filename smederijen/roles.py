"""Which roles a user holds, read from their memberships.

The object-level decisions (may this user do that to this proposal?) live in
the predicates; this module answers the coarse question a menu needs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Roles:
    is_authenticated: bool = False
    is_resident: bool = False
    is_initiatiefgroep_member: bool = False
    is_professional: bool = False
    is_gebiedsregisseur: bool = False
    is_stuurgroep_member: bool = False
    is_beheerder: bool = False


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_smederijen_roles", None)
    if cached is not None:
        return cached
    roles = Roles(
        is_authenticated=True,
        is_resident=user.home_area_id is not None,
        is_initiatiefgroep_member=user.initiatiefgroep_memberships.exists(),
        is_professional=user.wijkteam_memberships.exists(),
        is_gebiedsregisseur=user.gebiedsregisseur_assignments.exists(),
        is_stuurgroep_member=hasattr(user, "stuurgroep_membership"),
        is_beheerder=user.is_staff,
    )
    user._smederijen_roles = roles
    return roles
