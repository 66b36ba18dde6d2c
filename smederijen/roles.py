"""Which roles a user holds, read from their memberships.

The object-level decisions (may this user do that to this proposal?) live in
the predicates; this module answers the coarse question a menu needs, and
reads the membership facts both of them decide on.

A page asks many permissions of one user (the proposal page some twenty), and
each reads the same memberships. So the facts are read together, in one query per user
object, and kept on it: `request.user` is a new object on every request, so a membership
gained or lost shows on the next request, and another user never shares it.
Code that changes a user's memberships and asks again about the same object
in one go calls `forget_memberships(user)` in between.
"""

from dataclasses import dataclass

MEMBERSHIP_FACTS = "_smederijen_memberships"

# The facts, each a set of ids: the Smederijen of the user's initiatiefgroepen, the wijkteams
# they work in, the wijkteams they coordinate, the areas of their groups, and their seat in
# the stuurgroep (at most one).
FACTS = ("initiatiefgroep", "wijkteam", "gebiedsregisseur", "group_areas", "stuurgroep")


def _read_facts(user) -> dict[str, frozenset[int]]:
    """Every membership fact of `user` in one query (a UNION ALL of the five tables): a page
    pays for the person's roles once, not once per kind of membership."""
    from django.db.models import CharField, Value

    from .models import (
        GebiedsregisseurAssignment,
        GroupMembership,
        InitiatiefgroepMembership,
        StuurgroepMembership,
        WijkteamMembership,
    )

    def part(model, fact, column):
        return (
            model.objects.filter(user_id=user.pk)
            .order_by()
            .annotate(fact=Value(fact, output_field=CharField()))
            .values_list("fact", column)
        )

    rows = part(InitiatiefgroepMembership, "initiatiefgroep", "smederij_id").union(
        part(WijkteamMembership, "wijkteam", "wijkteam_id"),
        part(GebiedsregisseurAssignment, "gebiedsregisseur", "wijkteam_id"),
        part(GroupMembership, "group_areas", "group__area_id"),
        part(StuurgroepMembership, "stuurgroep", "id"),
        all=True,
    )
    found: dict[str, set[int]] = {fact: set() for fact in FACTS}
    for fact, value in rows:
        found[fact].add(value)
    return {fact: frozenset(ids) for fact, ids in found.items()}


def _ids(user, fact: str) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    facts = getattr(user, MEMBERSHIP_FACTS, None)
    if facts is None:
        facts = _read_facts(user)
        setattr(user, MEMBERSHIP_FACTS, facts)
    return facts[fact]


def initiatiefgroep_smederij_ids(user) -> frozenset[int]:
    """The Smederijen whose initiatiefgroep `user` is a member of."""
    return _ids(user, "initiatiefgroep")


def wijkteam_ids(user) -> frozenset[int]:
    """The wijkteams `user` works in as a professional."""
    return _ids(user, "wijkteam")


def group_area_ids(user) -> frozenset[int]:
    """The areas of the groups and organisations `user` belongs to."""
    return _ids(user, "group_areas")


def gebiedsregisseur_wijkteam_ids(user) -> frozenset[int]:
    """The wijkteams `user` coordinates as gebiedsregisseur."""
    return _ids(user, "gebiedsregisseur")


def has_stuurgroep_seat(user) -> bool:
    """Whether `user` sits in the stuurgroep (read with the other facts, no query of its own)."""
    return bool(_ids(user, "stuurgroep"))


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
        is_stuurgroep_member=has_stuurgroep_seat(user),
        is_beheerder=user.is_staff,
    )
    user._smederijen_roles = roles
    return roles
