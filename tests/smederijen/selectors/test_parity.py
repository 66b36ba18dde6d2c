"""Parity: the groups and the Smederijen a user is listed are exactly those the permission allows.

A fixed world: the roles of DESIGN.md towards Smederij A, Smederij A2 of the same
wijkteam and Smederij B of another, and an area without a Smederij; groups in each of
these areas, with members, contacts and outsiders.
"""

import pytest

from smederijen.accounts.selectors import area_change_requests_decidable_by
from smederijen.groups.selectors import groups_visible_to, join_requests_decidable_by
from smederijen.models import (
    AreaChangeRequest,
    Group,
    InitiatiefgroepJoinRequest,
    RequestStatus,
    Smederij,
)
from smederijen.predicates import covers_smederij
from smederijen.selectors import smederijen_covered_by
from tests import factories
from tests.role_world import ROLES, module_world

pytestmark = pytest.mark.django_db

USERS = (
    *ROLES,
    "professional_of_both",  # in the wijkteams of A and of B
    "gebiedsregisseur_of_both",
    "professional_and_resident",  # works in A's wijkteam, lives in B
    "member_elsewhere",  # lives nowhere, member of a group of the area without Smederij
)


def parity_world(world):
    a, b = world.smederij, world.other_smederij
    a2 = factories.SmederijFactory(wijkteam=a.wijkteam)
    factories.SmederijFactory(wijkteam=b.wijkteam)  # a sibling of B
    factories.SmederijFactory()  # a third wijkteam nobody here works in
    no_smederij = factories.AreaFactory()
    users = world.users
    users["professional_of_both"] = factories.WijkteamMembershipFactory(wijkteam=a.wijkteam).user
    factories.WijkteamMembershipFactory(user=users["professional_of_both"], wijkteam=b.wijkteam)
    users["gebiedsregisseur_of_both"] = factories.GebiedsregisseurAssignmentFactory(
        wijkteam=a.wijkteam
    ).user
    factories.GebiedsregisseurAssignmentFactory(
        user=users["gebiedsregisseur_of_both"], wijkteam=b.wijkteam
    )
    professional = factories.ResidentFactory(home_area=b.area)
    factories.WijkteamMembershipFactory(user=professional, wijkteam=a.wijkteam)
    users["professional_and_resident"] = professional
    users["member_elsewhere"] = factories.UserFactory()
    for area in (a.area, a2.area, b.area, no_smederij):
        for _ in range(2):
            factories.GroupFactory(area=area)
    elsewhere = factories.GroupFactory(area=no_smederij)
    factories.GroupMembershipFactory(group=elsewhere, user=users["member_elsewhere"])
    in_a2 = factories.GroupFactory(area=a2.area)
    factories.GroupMembershipFactory(group=in_a2, user=users["other_resident"], is_contact=True)
    factories.GroupMembershipFactory(group=in_a2, user=users["stuurgroep_member"])
    # Requests to move into A, A2 and B, and to join their initiatiefgroepen: pending and decided.
    for smederij in (a, a2, b):
        for status in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
            mover = factories.ResidentFactory(home_area=no_smederij)
            AreaChangeRequest.objects.create(
                user=mover,
                from_area=no_smederij,
                to_area=smederij.area,
                reason="Verhuisd",
                status=status,
            )
            InitiatiefgroepJoinRequest.objects.create(
                user=factories.ResidentFactory(home_area=smederij.area),
                smederij=smederij,
                status=status,
            )


world = module_world(parity_world)


def disagreements(objects, listed, allowed):
    listed = set(listed)
    return sorted(
        (str(obj), "listed" if obj in listed else "allowed")
        for obj in objects
        if (obj in listed) != allowed(obj)
    )


@pytest.mark.parametrize("role", USERS)
def test_group_list_shows_exactly_the_groups_the_user_may_open(world, role):
    user = world.user(role)

    assert (
        disagreements(
            list(Group.objects.all()),
            groups_visible_to(user),
            lambda group: user.has_perm("smederijen.view_group", group),
        )
        == []
    )


@pytest.mark.parametrize("role", USERS)
def test_smederijen_covered_are_exactly_those_the_predicate_covers(world, role):
    user = world.user(role)

    assert (
        disagreements(
            list(Smederij.objects.all()),
            smederijen_covered_by(user),
            lambda smederij: covers_smederij(user, smederij),
        )
        == []
    )


@pytest.mark.parametrize("role", USERS)
def test_area_changes_listed_are_exactly_the_pending_ones_the_user_may_decide(world, role):
    user = world.user(role)

    assert (
        disagreements(
            list(AreaChangeRequest.objects.all()),
            area_change_requests_decidable_by(user),
            lambda request: (
                request.status == RequestStatus.PENDING
                and user.has_perm("smederijen.decide_area_change", request)
            ),
        )
        == []
    )


@pytest.mark.parametrize("role", USERS)
def test_join_requests_listed_are_exactly_the_pending_ones_the_user_may_decide(world, role):
    user = world.user(role)

    assert (
        disagreements(
            list(InitiatiefgroepJoinRequest.objects.all()),
            join_requests_decidable_by(user),
            lambda request: (
                request.status == RequestStatus.PENDING
                and user.has_perm("smederijen.decide_join_request", request)
            ),
        )
        == []
    )
