"""Which roles a user holds, read from their memberships.

The object-level decisions (may this user do that to this proposal?) live in
the predicates; this module answers the coarse question a menu needs, and
reads the membership facts both of them decide on.

A page asks many permissions of one user (the proposal page some twenty), and
each reads the same memberships. So each fact is read once per user object and
kept on it: `request.user` is a new object on every request, so a membership
gained or lost shows on the next request, and another user never shares it.
Code that changes a user's memberships and asks again about the same object
in one go calls `forget_memberships(user)` in between.
"""

from dataclasses import dataclass

MEMBERSHIP_FACTS = "_smederijen_memberships"


def _ids(user, fact: str, read) -> frozenset[int]:
    facts = getattr(user, MEMBERSHIP_FACTS, None)
    if facts is None:
        facts = {}
        setattr(user, MEMBERSHIP_FACTS, facts)
    if fact not in facts:
        facts[fact] = frozenset(read())
    return facts[fact]


def initiatiefgroep_smederij_ids(user) -> frozenset[int]:
    """The Smederijen whose initiatiefgroep `user` is a member of (one query per user object)."""
    if not user.is_authenticated:
        return frozenset()
    return _ids(
        user,
        "initiatiefgroep",
        lambda: user.initiatiefgroep_memberships.values_list("smederij_id", flat=True),
    )


def wijkteam_ids(user) -> frozenset[int]:
    """The wijkteams `user` works in as a professional (one query per user object)."""
    if not user.is_authenticated:
        return frozenset()
    return _ids(
        user, "wijkteam", lambda: user.wijkteam_memberships.values_list("wijkteam_id", flat=True)
    )


def group_area_ids(user) -> frozenset[int]:
    """The areas of the groups and organisations `user` belongs to (one query per user object)."""
    if not user.is_authenticated:
        return frozenset()
    return _ids(
        user,
        "group_areas",
        lambda: user.group_memberships.values_list("group__area_id", flat=True),
    )


def gebiedsregisseur_wijkteam_ids(user) -> frozenset[int]:
    """The wijkteams `user` coordinates as gebiedsregisseur (one query per user object)."""
    if not user.is_authenticated:
        return frozenset()
    return _ids(
        user,
        "gebiedsregisseur",
        lambda: user.gebiedsregisseur_assignments.values_list("wijkteam_id", flat=True),
    )


def forget_memberships(user) -> None:
    """Read the memberships of this user object again on the next question."""
    for name in (MEMBERSHIP_FACTS, "_smederijen_roles"):
        if getattr(user, name, None) is not None:
            setattr(user, name, None)


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
        is_initiatiefgroep_member=bool(initiatiefgroep_smederij_ids(user)),
        is_professional=bool(wijkteam_ids(user)),
        is_gebiedsregisseur=bool(gebiedsregisseur_wijkteam_ids(user)),
        is_stuurgroep_member=hasattr(user, "stuurgroep_membership"),
        is_beheerder=user.is_staff,
    )
    user._smederijen_roles = roles
    return roles
