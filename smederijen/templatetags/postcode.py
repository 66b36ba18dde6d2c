"""Postcodes as people write them: `{{ "7901AB"|postcode }}` gives "7901 AB"."""

from django import template
from django.core.exceptions import ValidationError

from wijken.postcodes import format_postcode, normalize_postcode

register = template.Library()


@register.filter
def postcode(value):
    if not value:
        return ""
    try:
        return format_postcode(normalize_postcode(str(value)))
    except ValidationError:
        # Never hide what is stored, even when it is not a valid postcode.
        return value
