"""The role matrix of the money after a decision (proposal of A, every status).

The gebiedsregisseur of the Smederij answers for the money; which status allows a
payment, a refund or cancelling is `projecten/workflow.py` and the budget services.
"""

import pytest

from tests.role_world import ALL_STATUSES, module_world, role_status_cases, statuses_where

pytestmark = pytest.mark.django_db

world = module_world()

MATRIX = {"projecten.manage_money": {"gebiedsregisseur": ALL_STATUSES}}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(MATRIX))
def test_only_the_gebiedsregisseur_of_the_smederij_manages_the_money(
    world, permission, role, status
):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected
