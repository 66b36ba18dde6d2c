"""The role matrix of the Smederij election. Objects: an election round of A, and the
Smederijen A and B for setting up a round."""

import pytest

from tests import factories
from tests.role_world import ROLES, module_world, role_object_cases

pytestmark = pytest.mark.django_db


def with_round(world):
    world.extra["round"] = factories.ElectionRoundFactory(smederij=world.smederij)


world = module_world(with_round)

# round permission -> the roles that hold it on a round of A
ROUND_MATRIX = {
    "projecten.coordinate_election": {"gebiedsregisseur"},
    # Holding an idea back from the ballot: the initiatiefgroep and the gebiedsregisseur.
    "projecten.hold_back_idea": {"initiatiefgroep_member", "gebiedsregisseur"},
    # Voting online: a verified resident of A (its initiatiefgroep members are residents too).
    "projecten.vote_in_round": {"resident", "submitter", "initiatiefgroep_member"},
    # The paper tally of the evening: the initiatiefgroep, who runs the evening.
    "projecten.enter_paper_tally": {"initiatiefgroep_member", "gebiedsregisseur"},
    # The ideas before the result: those who may see A's proposals (a confirmed address).
    "projecten.view_election_ideas": {
        "resident",
        "submitter",
        "initiatiefgroep_member",
        "professional",
        "gebiedsregisseur",
        "stuurgroep_member",
    },
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", ROUND_MATRIX)
def test_role_holds_round_permission(world, permission, role):
    user = world.user(role)

    assert user.has_perm(permission, world.extra["round"]) is (role in ROUND_MATRIX[permission])


SMEDERIJ_MATRIX = {
    "projecten.coordinate_election": {"gebiedsregisseur": {"A"}, "other_gebiedsregisseur": {"B"}},
}


@pytest.mark.parametrize(
    ("permission", "role", "name"), role_object_cases(SMEDERIJ_MATRIX, ("A", "B"))
)
def test_only_the_gebiedsregisseur_sets_up_a_round_of_their_smederij(world, permission, role, name):
    user = world.user(role)
    expected = name in SMEDERIJ_MATRIX[permission].get(role, set())

    assert user.has_perm(permission, world.smederij_named(name)) is expected
