import pytest
from django.core.exceptions import ValidationError

from wijken.postcodes import format_postcode, normalize_postcode


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("7901 AB", "7901AB"), ("7901ab", "7901AB"), ("  7901   aB ", "7901AB"), ("7913", "7913")],
)
def test_postcode_is_stored_without_space_in_capitals(typed, stored):
    assert normalize_postcode(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "0901 AB", "790 AB", "7901 A", "7901-AB", "ABCD EF", "7901 SS"]
)
def test_postcode_that_cannot_exist_is_refused_with_a_dutch_hint(typed):
    with pytest.raises(ValidationError) as error:
        normalize_postcode(typed)
    assert error.value.code == "invalid_postcode"


def test_postcode_is_shown_with_a_space():
    assert format_postcode("7901AB") == "7901 AB"
    assert format_postcode("7913") == "7913"
