"""The role matrix of the proposal itself: seeing it, writing it, handing it in, taking it back.

Each cell is one case: a role of DESIGN.md, a proposal of Smederij A in one status,
and whether the permission holds. The tables read as the rules of
`projecten/proposals/rules.py`, in the named status sets of `projecten/workflow.py`.
"""

import pytest

from projecten import workflow
from projecten.workflow import ProposalStatus as S
from tests.role_world import (
    ALL_STATUSES,
    module_world,
    role_cases,
    role_object_cases,
    role_status_cases,
    statuses_where,
)

pytestmark = pytest.mark.django_db

world = module_world()

HANDED_IN = frozenset(workflow.HANDED_IN_STATUSES)
FUNDED = workflow.FUNDED_STATUSES
# Those who see A's handed-in proposals: who lives in A or is in its initiatiefgroep, and who
# works for it (its wijkteam, its gebiedsregisseur, the stuurgroep over every Smederij).
OF_OR_FOR_THE_AREA = (
    "resident",
    "initiatiefgroep_member",
    "professional",
    "gebiedsregisseur",
    "stuurgroep_member",
)
# Funded projects are public; drafts and withdrawn proposals are the submitter's alone.
# An unverified account of A reads what a visitor reads: its home area is a typed postcode.
VIEW = dict.fromkeys(
    ("visitor", "unverified", "other_resident", "group_member", "beheerder"), FUNDED
)
VIEW |= {"other_professional": FUNDED, "other_gebiedsregisseur": FUNDED}
VIEW |= dict.fromkeys(OF_OR_FOR_THE_AREA, HANDED_IN)
VIEW |= {"submitter": ALL_STATUSES}

# proposal permission -> role -> the statuses in which the role holds it (absent: none)
PROPOSAL_MATRIX = {
    "projecten.view_proposal": VIEW,
    # Receipts, quotes, signature lists: the submitter and who works for the area, in any status.
    "projecten.view_private_parts": {
        "submitter": ALL_STATUSES,
        "professional": HANDED_IN,
        "gebiedsregisseur": HANDED_IN,
        "stuurgroep_member": HANDED_IN,
    },
    "projecten.change_proposal": {"submitter": workflow.EDITABLE_STATUSES},
    "projecten.submit_proposal": {
        "submitter": frozenset(
            s for s in S if workflow.can_move(s, "submit") or workflow.can_move(s, "resubmit")
        )
    },
    "projecten.withdraw_proposal": {"submitter": workflow.BEFORE_DECISION},
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(PROPOSAL_MATRIX))
def test_role_holds_proposal_permission_only_in_its_statuses(world, permission, role, status):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(PROPOSAL_MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected


# Smederij permission -> role -> the Smederijen (A, B) on which the role holds it.
SMEDERIJ_MATRIX = {
    "projecten.view_smederij_proposals": {
        "resident": {"A"},
        "other_resident": {"B"},
        "submitter": {"A"},
        "group_member": {"B"},  # lives in B; a group of A's area opens nothing of A here
        "initiatiefgroep_member": {"A"},
        "professional": {"A"},
        "other_professional": {"B"},
        "gebiedsregisseur": {"A"},
        "other_gebiedsregisseur": {"B"},
        "stuurgroep_member": {"A", "B"},
    },
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(SMEDERIJ_MATRIX, ("A", "B"))
)
def test_role_holds_smederij_permission_only_on_its_smederijen(world, permission, role, name):
    user = world.user(role)
    expected = name in SMEDERIJ_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.smederij_named(name)) is expected


# Permission without object -> the roles that hold it.
GLOBAL_MATRIX = {
    # A draft goes to one's own Smederij: any account with a home area.
    # Not named `add_proposal`: Django's ModelBackend would grant that to the beheerder,
    # staff with the model permission, when no object is given.
    "projecten.create_proposal": {
        "unverified",
        "resident",
        "other_resident",
        "submitter",
        "group_member",
        "initiatiefgroep_member",
    },
}


@pytest.mark.parametrize(("permission", "role"), role_cases(GLOBAL_MATRIX))
def test_role_holds_permission_without_object(world, permission, role):
    assert world.user(role).has_perm(permission) is (role in GLOBAL_MATRIX[permission])
