"""The roles of DESIGN.md around two Smederijen, built once a test module, for role matrices.

Smederij A and Smederij B are covered by two different wijkteams. Every role is a user
in a fixed relation to A; the "other_" roles stand in the same relation to B. The
submitter is a verified resident of A who submitted every proposal of A the matrices
ask about.

`module_world` makes a module-scoped fixture: the users and objects are created once,
inside a transaction that is rolled back after the module's last test, so nothing
leaks into another module; each test still runs in its own savepoint (`django_db`).
Nothing here is random: the same world every run.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.db import transaction
from django.utils import timezone

from projecten.workflow import ProposalStatus
from tests import factories

ROLES = (
    "visitor",
    "unverified",
    "resident",
    "other_resident",
    "submitter",
    "group_member",
    "initiatiefgroep_member",
    "professional",
    "other_professional",
    "gebiedsregisseur",
    "other_gebiedsregisseur",
    "stuurgroep_member",
    "beheerder",
)

ALL_STATUSES = frozenset(ProposalStatus)
NO_STATUS = frozenset()


@dataclass
class World:
    smederij: object
    other_smederij: object
    users: dict
    # The group of A's area whose contact is `group_member` (who lives in B).
    group: object
    proposals: dict = field(default_factory=dict)  # status -> proposal of A by the submitter
    extra: dict = field(default_factory=dict)

    def user(self, role: str):
        return self.users[role]

    def smederij_named(self, name: str):
        return {"A": self.smederij, "B": self.other_smederij}[name]


def make_beheerder():
    """A functional administrator: staff with the model permissions of our apps (as conftest)."""
    user = factories.UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["smederijen", "wijken", "projecten", "budget"]
        )
    )
    return user


def make_users(smederij, other_smederij, group) -> dict:
    """One user a role of `ROLES`, the visitor an AnonymousUser."""
    a, b = smederij, other_smederij
    users = {
        "visitor": AnonymousUser(),
        "unverified": factories.UserFactory(home_area=a.area, email_verified_at=None),
        "resident": factories.ResidentFactory(home_area=a.area),
        "other_resident": factories.ResidentFactory(home_area=b.area),
        "submitter": factories.ResidentFactory(home_area=a.area),
        "group_member": factories.ResidentFactory(home_area=b.area),
        "initiatiefgroep_member": factories.ResidentFactory(home_area=a.area),
        "professional": factories.WijkteamMembershipFactory(wijkteam=a.wijkteam).user,
        "other_professional": factories.WijkteamMembershipFactory(wijkteam=b.wijkteam).user,
        "gebiedsregisseur": factories.GebiedsregisseurAssignmentFactory(wijkteam=a.wijkteam).user,
        "other_gebiedsregisseur": factories.GebiedsregisseurAssignmentFactory(
            wijkteam=b.wijkteam
        ).user,
        "stuurgroep_member": factories.StuurgroepMembershipFactory().user,
        "beheerder": make_beheerder(),
    }
    factories.InitiatiefgroepMembershipFactory(user=users["initiatiefgroep_member"], smederij=a)
    factories.GroupMembershipFactory(group=group, user=users["group_member"], is_contact=True)
    return users


def handed_in_at(status):
    return None if status == ProposalStatus.DRAFT else timezone.now()


def build_world() -> World:
    smederij = factories.SmederijFactory()
    other_smederij = factories.SmederijFactory()
    assert smederij.wijkteam_id != other_smederij.wijkteam_id
    group = factories.GroupFactory(area=smederij.area)
    users = make_users(smederij, other_smederij, group)
    world = World(smederij=smederij, other_smederij=other_smederij, users=users, group=group)
    for status in ProposalStatus:
        world.proposals[status] = factories.ProposalFactory(
            smederij=smederij,
            submitter=users["submitter"],
            status=status,
            submitted_at=handed_in_at(status),
            year=2013,
        )
    return world


def module_world(extend=None):
    """A module-scoped `world` fixture; `extend(world)` adds the module's own objects."""

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            built = build_world()
            if extend is not None:
                extend(built)
            yield built
            transaction.set_rollback(True)

    return world


def statuses_where(expected, role) -> frozenset:
    """The statuses in which `role` holds the permission: a set, or absent for none."""
    return frozenset(expected.get(role, NO_STATUS))


def role_status_cases(table: dict) -> list:
    """Every (permission, role, status) cell of `table` (permission -> role -> statuses)."""
    return [
        pytest.param(permission, role, status, id=f"{permission}-{role}-{status.value}")
        for permission in table
        for role in ROLES
        for status in ProposalStatus
    ]


def role_object_cases(table: dict, objects) -> list:
    """Every (permission, role, object name) cell of `table` (permission -> role -> names)."""
    return [
        pytest.param(permission, role, name, id=f"{permission}-{role}-{name}")
        for permission in table
        for role in ROLES
        for name in objects
    ]


def role_cases(table: dict) -> list:
    """Every (permission, role) cell of a permission without object (permission -> roles)."""
    return [
        pytest.param(permission, role, id=f"{permission}-{role}")
        for permission in table
        for role in ROLES
    ]
