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
