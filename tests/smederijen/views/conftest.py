"""Role fixtures for the view matrices; the postcode fixtures are in tests/smederijen/conftest.py."""

import pytest

from tests import factories


@pytest.fixture
def other_resident(other_smederij):
    """A verified resident of a Smederij covered by another wijkteam."""
    return factories.ResidentFactory(home_area=other_smederij.area)


@pytest.fixture
def other_professional(other_smederij):
    return factories.WijkteamMembershipFactory(wijkteam=other_smederij.wijkteam).user


@pytest.fixture
def visitor():
    return None


@pytest.fixture
def client_as(client, request):
    """A test client logged in as the user of a role fixture (not logged in for 'visitor')."""

    def login(role):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return client

    return login


# Every role of the matrix: the view tests parametrize over these.
ROLES = [
    "visitor",
    "resident",
    "other_resident",
    "initiatiefgroep_member",
    "professional",
    "other_professional",
    "gebiedsregisseur",
    "stuurgroep_member",
]
