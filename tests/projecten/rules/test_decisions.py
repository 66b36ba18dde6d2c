"""The role matrix of the decision and its letter (proposal of A, every status).

See docs/decisions/0009-decisions-and-money.md: the gebiedsregisseur decides (the
lifecycle says when), and takes a deferred proposal up again; the letter is for the
submitter, the wijkteam, the gebiedsregisseur and the stuurgroep.
"""

import pytest

from projecten import workflow
from projecten.workflow import ProposalStatus as S
from tests.role_world import ALL_STATUSES, module_world, role_status_cases, statuses_where

pytestmark = pytest.mark.django_db

world = module_world()

# permission -> role -> the statuses in which the role holds it (absent: none)
MATRIX = {
    "projecten.decide_proposal": {"gebiedsregisseur": ALL_STATUSES},
    "projecten.reopen_proposal": {
        "gebiedsregisseur": frozenset(s for s in S if workflow.can_move(s, "reopen"))
    },
    # Who may read the letter; the page answers 404 while there is no decision.
    "projecten.view_decision_letter": dict.fromkeys(
        ("submitter", "professional", "gebiedsregisseur", "stuurgroep_member"), ALL_STATUSES
    ),
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(MATRIX))
def test_role_decides_only_in_its_statuses(world, permission, role, status):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected
