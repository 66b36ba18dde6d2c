"""The role matrix of a resident's move: who accepts a request to change the home area.

Objects: a request of a resident of B to move to A, and one of a resident of A to move to B.
"""

import pytest

from smederijen.models import AreaChangeRequest
from tests.role_world import ROLES, module_world

pytestmark = pytest.mark.django_db


def with_requests(world):
    a, b = world.smederij.area, world.other_smederij.area
    world.extra["to_A"] = AreaChangeRequest.objects.create(
        user=world.user("other_resident"), from_area=b, to_area=a, reason="Verhuisd."
    )
    world.extra["to_B"] = AreaChangeRequest.objects.create(
        user=world.user("resident"), from_area=a, to_area=b, reason="Verhuisd."
    )


world = module_world(with_requests)

# request -> the roles that decide on it: the gebiedsregisseur of the area moved to.
DECIDE_AREA_CHANGE = {
    "to_A": {"gebiedsregisseur"},
    "to_B": {"other_gebiedsregisseur"},
}


@pytest.mark.parametrize("request_name", DECIDE_AREA_CHANGE)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_gebiedsregisseur_of_the_new_area_decides_on_a_move(world, role, request_name):
    user = world.user(role)
    expected = role in DECIDE_AREA_CHANGE[request_name]

    assert user.has_perm("smederijen.decide_area_change", world.extra[request_name]) is expected
