"""The role matrix for permissions on a Smederij: each role, on its own Smederij and on another."""

import pytest
from django.contrib.auth.models import AnonymousUser

from smederijen.predicates import covers_smederij
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "resident",
    "initiatiefgroep_member",
    "professional",
    "gebiedsregisseur",
    "stuurgroep_member",
    "beheerder",
]

# permission -> the roles that hold it on their own Smederij
MATRIX = {
    "smederijen.view_initiatiefgroep": {"initiatiefgroep_member", "gebiedsregisseur"},
    "projecten.view_smederij_proposals": {
        "resident",
        "initiatiefgroep_member",
        "professional",
        "gebiedsregisseur",
        "stuurgroep_member",
    },
    "projecten.set_decision_method": {"gebiedsregisseur"},
    "projecten.coordinate_election": {"gebiedsregisseur"},
    "projecten.view_accountings": {"gebiedsregisseur"},
}


@pytest.fixture
def visitor():
    return AnonymousUser()


@pytest.fixture
def user_in_role(request):
    def get(role):
        return request.getfixturevalue(role)

    return get


@pytest.mark.parametrize("permission", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_role_on_own_smederij(permission, role, user_in_role, smederij):
    user = user_in_role(role)

    assert user.has_perm(permission, smederij) is (role in MATRIX[permission])


@pytest.mark.parametrize("permission", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_role_on_smederij_of_another_wijkteam(permission, role, user_in_role, other_smederij):
    user = user_in_role(role)
    # Only the stuurgroep oversees every Smederij.
    expected = role == "stuurgroep_member" and role in MATRIX[permission]

    assert user.has_perm(permission, other_smederij) is expected


def test_professional_sees_every_smederij_of_their_wijkteam_and_none_other(professional, smederij):
    sibling = factories.SmederijFactory(wijkteam=smederij.wijkteam)
    stranger = factories.SmederijFactory()

    assert covers_smederij(professional, sibling)
    assert not covers_smederij(professional, stranger)


def test_permission_on_a_proposal_follows_its_smederij(professional, smederij):
    own = factories.ProposalFactory(smederij=smederij)
    foreign = factories.ProposalFactory()

    assert covers_smederij(professional, own)
    assert not covers_smederij(professional, foreign)
