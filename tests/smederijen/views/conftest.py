"""Areas with postcodes, for the account and group services."""

import pytest

from tests import factories


def give_postcode(code: str, *areas):
    postcode = factories.PostcodeFactory(code=code)
    postcode.areas.add(*areas)
    return postcode


@pytest.fixture
def postcode_of_smederij(smederij):
    """7901 lies in the Smederij's area only."""
    give_postcode("7901", smederij.area)
    return "7901 AB"


@pytest.fixture
def border_postcode(smederij, other_smederij):
    """7902 lies on the border of two areas."""
    give_postcode("7902", smederij.area, other_smederij.area)
    return "7902 CD"


@pytest.fixture
def postcode_of_other_smederij(other_smederij):
    give_postcode("7903", other_smederij.area)
    return "7903 EF"


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
