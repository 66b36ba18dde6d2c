"""Dutch postcodes: stored as 7901AB, shown as 7901 AB, looked up by their four digits."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


def normalize_postcode(value: str) -> str:
    """'7901 ab' -> '7901AB'; four digits alone are kept as they are. Raises ValidationError."""
    match = _POSTCODE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, for example 7901 AB."),
            code="invalid_postcode",
        )
    digits, letters = match.groups()
    if letters and letters.upper() in {"SA", "SD", "SS"}:
        # PostNL never hands out these letter pairs.
        raise ValidationError(_("This postcode does not exist."), code="invalid_postcode")
    return digits + (letters or "").upper()


def format_postcode(value: str) -> str:
    """'7901AB' -> '7901 AB'."""
    if len(value) == 6:
        return f"{value[:4]} {value[4:]}"
    return value
