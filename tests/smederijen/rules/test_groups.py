"""The role matrix of the initiatiefgroep (object: the Smederij) and of the groups of an area.

Objects: the Smederijen A and B; the group of A's area whose contact is `group_member`
(who lives in B); a second group of A's area in which `group_member` is a plain member.
"""

import pytest

from smederijen.models import InitiatiefgroepJoinRequest
from tests import factories
from tests.role_world import module_world, role_cases, role_object_cases

pytestmark = pytest.mark.django_db


def with_groups(world):
    world.extra["group"] = world.group
    plain = factories.GroupFactory(area=world.smederij.area)
    factories.GroupMembershipFactory(group=plain, user=world.user("group_member"))
    world.extra["plain_member_group"] = plain


world = module_world(with_groups)

# Smederij permission -> role -> the Smederijen (A, B) on which the role holds it.
SMEDERIJ_MATRIX = {
    "smederijen.view_initiatiefgroep": {
        "initiatiefgroep_member": {"A"},
        "gebiedsregisseur": {"A"},
        "other_gebiedsregisseur": {"B"},
    },
    # Accepting or declining a request to join (asked on the request; its predicates read the
    # request's Smederij, so the matrix asks it on the Smederij; one test below on a request).
    "smederijen.decide_join_request": {
        "initiatiefgroep_member": {"A"},
        "gebiedsregisseur": {"A"},
        "other_gebiedsregisseur": {"B"},
    },
    # Asking to join: a verified resident of the area who is not a member yet.
    "smederijen.join_initiatiefgroep": {
        "resident": {"A"},
        "submitter": {"A"},
        "other_resident": {"B"},
        "group_member": {"B"},
    },
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(SMEDERIJ_MATRIX, ("A", "B"))
)
def test_role_holds_initiatiefgroep_permission_only_on_its_smederijen(
    world, permission, role, name
):
    user = world.user(role)
    expected = name in SMEDERIJ_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.smederij_named(name)) is expected


# group permission -> role -> the groups (of A's area) on which the role holds it
BOTH = {"group", "plain_member_group"}
GROUP_MATRIX = {
    # Who lives in the area (an unverified account too), the members, and the wijkteam.
    "smederijen.view_group": {
        "unverified": BOTH,
        "resident": BOTH,
        "submitter": BOTH,
        "initiatiefgroep_member": BOTH,
        "group_member": BOTH,
        "professional": BOTH,
        "gebiedsregisseur": BOTH,
    },
    # Inviting: the group's contact.
    "smederijen.invite_to_group": {"group_member": {"group"}},
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(GROUP_MATRIX, sorted(BOTH))
)
def test_role_holds_group_permission_only_on_its_groups(world, permission, role, name):
    user = world.user(role)
    expected = name in GROUP_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.extra[name]) is expected


# Permission without object -> the roles that hold it.
GLOBAL_MATRIX = {
    "smederijen.register_group": {
        "resident",
        "other_resident",
        "submitter",
        "group_member",
        "initiatiefgroep_member",
    },
}


@pytest.mark.parametrize(("permission", "role"), role_cases(GLOBAL_MATRIX))
def test_only_a_verified_resident_registers_a_group(world, permission, role):
    assert world.user(role).has_perm(permission) is (role in GLOBAL_MATRIX[permission])


@pytest.mark.parametrize("role", ["initiatiefgroep_member", "gebiedsregisseur", "resident"])
def test_a_join_request_is_decided_by_the_members_and_the_gebiedsregisseur(world, role):
    join_request = InitiatiefgroepJoinRequest.objects.create(
        user=factories.ResidentFactory(home_area=world.smederij.area), smederij=world.smederij
    )
    expected = role in {"initiatiefgroep_member", "gebiedsregisseur"}
    assert world.user(role).has_perm("smederijen.decide_join_request", join_request) is expected
