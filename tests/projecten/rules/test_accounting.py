"""The role matrix of the verantwoording: filing it, checking it, the Smederij's overview."""

import pytest

from projecten import workflow
from projecten.models import AccountingStatus
from projecten.workflow import ProposalStatus as S
from tests import factories
from tests.role_world import (
    ALL_STATUSES,
    ROLES,
    module_world,
    role_object_cases,
    role_status_cases,
    statuses_where,
)

pytestmark = pytest.mark.django_db


def with_accountings(world):
    """An accounted proposal of A by the submitter for each state of its verantwoording."""
    for status in AccountingStatus:
        proposal = factories.ProposalFactory(
            smederij=world.smederij,
            submitter=world.user("submitter"),
            status=S.ACCOUNTED,
            submitted_at=world.proposals[S.ACCOUNTED].submitted_at,
        )
        factories.AccountingFactory(proposal=proposal, status=status)
        world.extra[status] = proposal


world = module_world(with_accountings)

# permission -> role -> the statuses in which the role holds it (absent: none)
MATRIX = {
    # First while the project runs (no verantwoording yet in these proposals).
    "projecten.file_accounting": {"submitter": workflow.RUNNING_STATUSES},
    "projecten.check_accounting": {"gebiedsregisseur": ALL_STATUSES},
}


@pytest.mark.parametrize(("permission", "role", "status"), role_status_cases(MATRIX))
def test_role_accounts_only_in_its_statuses(world, permission, role, status):
    user, proposal = world.user(role), world.proposals[status]
    expected = status in statuses_where(MATRIX[permission], role)

    assert user.has_perm(permission, proposal) is expected


# Filing again, on an accounted proposal: only when the gebiedsregisseur asked for more.
FILE_AGAIN = {"submitter": {AccountingStatus.MORE_REQUESTED}}


@pytest.mark.parametrize("accounting_status", list(AccountingStatus))
@pytest.mark.parametrize("role", ROLES)
def test_submitter_files_again_only_when_more_was_asked(world, role, accounting_status):
    user, proposal = world.user(role), world.extra[accounting_status]
    expected = accounting_status in FILE_AGAIN.get(role, set())

    assert user.has_perm("projecten.file_accounting", proposal) is expected


SMEDERIJ_MATRIX = {
    "projecten.view_accountings": {"gebiedsregisseur": {"A"}, "other_gebiedsregisseur": {"B"}},
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(SMEDERIJ_MATRIX, ("A", "B"))
)
def test_only_the_gebiedsregisseur_sees_the_accountings_of_a_smederij(
    world, permission, role, name
):
    user = world.user(role)
    expected = name in SMEDERIJ_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.smederij_named(name)) is expected
