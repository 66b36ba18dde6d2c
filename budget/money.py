"""Money: Decimal euros with two places, never floats, never negative.

Every amount in the database is a `MoneyField`, and every amount on a page is
formatted by `format_euro`, so that € 1.234,56 looks the same everywhere.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# No pot, share or proposal of the Smederijen comes near ten million euros; a
# larger figure is a typing error (an extra zero), not a real amount.
MAX_AMOUNT = Decimal("9999999.99")


def to_money(value) -> Decimal:
    """A Decimal with exactly two places. Refuses floats: they cannot hold cents exactly."""
    if isinstance(value, float):
        raise TypeError("Money is never a float; pass a Decimal, int or str.")
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError) as error:
        raise ValueError(f"Not an amount of money: {value!r}") from error
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_euro(value) -> str:
    """Dutch notation: € 1.234,56 (a non-breaking space keeps the sign with the figure)."""
    if value is None or value == "":
        return ""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}€\u00a0{'.'.join(groups)},{cents}"


class MoneyField(models.DecimalField):
    """Euros with two places, between zero and MAX_AMOUNT."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "validators",
            [
                MinValueValidator(ZERO, message=_("An amount cannot be negative.")),
                MaxValueValidator(
                    MAX_AMOUNT, message=_("An amount cannot be more than € 9.999.999,99.")
                ),
            ],
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # The validators are part of the field's type, not of each migration.
        kwargs.pop("validators", None)
        return name, path, args, kwargs


def non_negative(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__gte": 0}), name=name)


def positive(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__gt": 0}), name=name)
