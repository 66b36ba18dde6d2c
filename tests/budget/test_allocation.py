from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget.allocation import divide_proportionally


def test_divides_in_proportion():
    assert divide_proportionally(Decimal("300.00"), {"a": 1, "b": 2}) == {
        "a": Decimal("100.00"),
        "b": Decimal("200.00"),
    }


def test_the_cents_left_go_to_the_largest_remainders_then_by_name():
    parts = divide_proportionally(Decimal("0.10"), {"b": 1, "a": 1, "c": 1})
    assert parts == {"a": Decimal("0.04"), "b": Decimal("0.03"), "c": Decimal("0.03")}


def test_refuses_negative_amounts_and_weights():
    with pytest.raises(ValueError):
        divide_proportionally(Decimal("-1"), {"a": 1})
    with pytest.raises(ValueError):
        divide_proportionally(Decimal("1"), {"a": -1})
    with pytest.raises(ValueError):
        divide_proportionally(Decimal("1"), {"a": 0})


@given(
    cents=st.integers(min_value=0, max_value=10**8),
    weights=st.dictionaries(st.text(min_size=1, max_size=5), st.integers(1, 60000), min_size=1),
)
def test_parts_add_up_to_the_total_to_the_cent_and_never_negative(cents, weights):
    total = Decimal(cents) / 100
    parts = divide_proportionally(total, weights)
    assert sum(parts.values()) == total
    assert all(part >= 0 and part.as_tuple().exponent == -2 for part in parts.values())
    assert divide_proportionally(total, dict(reversed(list(weights.items())))) == parts
