"""Dividing an amount of money in proportion to weights, to the cent."""

from collections.abc import Hashable, Mapping
from decimal import ROUND_FLOOR, Decimal

from .money import CENT, to_money


def divide_proportionally(total: Decimal, weights: Mapping[Hashable, int]) -> dict:
    """Split `total` over the keys in proportion to their weights; the parts add up to `total`.

    Largest remainder method, in cents: every key first gets its share rounded
    down, then the cents left over go one by one to the keys with the largest
    remainders. Ties go to the key that sorts first (by its string form), so
    the same input always gives the same division.
    """
    total = to_money(total)
    if total < 0:
        raise ValueError("Cannot divide a negative amount.")
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("Weights cannot be negative.")
    weight_sum = sum(weights.values())
    if not weights:
        return {}
    if weight_sum == 0:
        raise ValueError("At least one weight must be positive to divide money.")
    cents = int(total / CENT)
    floors, remainders = {}, {}
    for key, weight in weights.items():
        exact = Decimal(cents) * weight / weight_sum
        floors[key] = int(exact.to_integral_value(rounding=ROUND_FLOOR))
        remainders[key] = exact - floors[key]
    left = cents - sum(floors.values())
    for key in sorted(weights, key=lambda k: (-remainders[k], str(k)))[:left]:
        floors[key] += 1
    return {key: Decimal(value) * CENT for key, value in floors.items()}
