"""Who stands in which relation to a group of an area. Each predicate takes (user, group)."""

import rules

from smederijen.groups.selectors import NOT_ALLOWED_TO_JOIN, initiatiefgroep_join_refusal
from smederijen.models import Smederij


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
def may_ask_to_join(user, smederij) -> bool:
    """A verified resident of the area who is not a member (`initiatiefgroep_join_refusal`)."""
    refusal = initiatiefgroep_join_refusal(user=user, smederij=smederij)
    return refusal is None or refusal.code not in NOT_ALLOWED_TO_JOIN
