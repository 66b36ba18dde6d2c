"""The role matrix of taking part in a proposal: comments and supports (proposal of A, every status)."""

import pytest

from projecten import workflow
from tests.role_world import ALL_STATUSES, ROLES, module_world, role_status_cases, statuses_where

pytestmark = pytest.mark.django_db

world = module_world()

HANDED_IN = frozenset(workflow.HANDED_IN_STATUSES)
SIGNED_IN = [role for role in ROLES if role != "visitor"]

# permission -> role -> the statuses in which the role holds it (absent: none)
MATRIX = {
    # The conversation on a handed-in proposal: verified residents of the area (its
    # initiatiefgroep too) and who works for it. Not an unverified account, not another area.
    "projecten.comment_proposal": dict.fromkeys(
        (
            "resident",
            "submitter",
            "initiatiefgroep_member",
            "professional",
            "gebiedsregisseur",
            "stuurgroep_member",
        ),
        HANDED_IN,
    ),
    # Hiding a comment: the gebiedsregisseur of the Smederij, whatever the status.
    "projecten.hide_comment": {"gebiedsregisseur": ALL_STATUSES},
    # Support counts while the proposal waits for the wijkteam; never one's own.
    "projecten.support_proposal": dict.fromkeys(
        ("resident", "initiatiefgroep_member"), workflow.OPEN_FOR_SUPPORT
    ),
    # Taking one's own support back: anyone signed in (who moved away too); while it counts
    # is the service's rule (tests/projecten/services/test_participation.py).
    "projecten.remove_support": dict.fromkeys(SIGNED_IN, ALL_STATUSES),
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(MATRIX))
def test_role_takes_part_only_in_its_statuses(world, permission, role, status):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected
