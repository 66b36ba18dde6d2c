"""The role matrix of what funded projects bought and share with the area.

DESIGN.md: what is bought with Smederij money is shared with every organisation in the
area. Objects: the Smederijen A and B, the proposals of A in every status, and a good
of A bought by the submitter's project.
"""

import pytest

from projecten import workflow
from projecten.workflow import ProposalStatus as S
from tests import factories
from tests.role_world import (
    ROLES,
    module_world,
    role_object_cases,
    role_status_cases,
    statuses_where,
)

pytestmark = pytest.mark.django_db


def with_goods(world):
    world.extra["good"] = factories.SharedGoodFactory(
        smederij=world.smederij, proposal=world.proposals[S.COMPLETED]
    )
    world.extra["loose_good"] = factories.SharedGoodFactory(smederij=world.smederij)


world = module_world(with_goods)

# Smederij permission -> role -> the Smederijen (A, B) on which the role holds it.
SMEDERIJ_MATRIX = {
    "projecten.view_shared_goods": {
        "unverified": {"A"},
        "resident": {"A"},
        "other_resident": {"B"},
        "submitter": {"A"},
        "group_member": {"A", "B"},  # lives in B, in a group of A's area
        "initiatiefgroep_member": {"A"},
        "professional": {"A"},
        "other_professional": {"B"},
        "gebiedsregisseur": {"A"},
        "other_gebiedsregisseur": {"B"},
        "stuurgroep_member": {"A", "B"},
    },
    # Borrowing: the groups and organisations of the area.
    "projecten.borrow_shared_good": {"group_member": {"A"}},
    # The list of every borrow request of a Smederij: its gebiedsregisseur.
    "projecten.decide_borrow_request": {"gebiedsregisseur": {"A"}, "other_gebiedsregisseur": {"B"}},
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(SMEDERIJ_MATRIX, ("A", "B"))
)
def test_role_holds_shared_goods_permission_only_on_its_smederijen(world, permission, role, name):
    user = world.user(role)
    expected = name in SMEDERIJ_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.smederij_named(name)) is expected


PROPOSAL_MATRIX = {
    "projecten.register_shared_good": dict.fromkeys(
        ("submitter", "gebiedsregisseur"), workflow.FUNDED_STATUSES
    ),
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(PROPOSAL_MATRIX))
def test_what_a_funded_project_bought_is_registered_by_submitter_or_gebiedsregisseur(
    world, permission, role, status
):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(PROPOSAL_MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected


# A good -> the roles that decide on lending it: the submitter of the project that bought
# it, and the gebiedsregisseur; a good without project only the gebiedsregisseur.
GOOD_MATRIX = {
    "good": {"submitter", "gebiedsregisseur"},
    "loose_good": {"gebiedsregisseur"},
}


@pytest.mark.parametrize("good", GOOD_MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_keeper_side_decides_on_lending_a_good(world, role, good):
    user = world.user(role)

    assert user.has_perm("projecten.decide_borrow_request", world.extra[good]) is (
        role in GOOD_MATRIX[good]
    )
