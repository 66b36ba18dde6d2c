from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.money import MAX_AMOUNT, MoneyField, format_euro, to_money


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0"), "€\xa00,00"),
        (Decimal("0.5"), "€\xa00,50"),
        (Decimal("999.99"), "€\xa0999,99"),
        (Decimal("1234.56"), "€\xa01.234,56"),
        (Decimal("1000000"), "€\xa01.000.000,00"),
        (Decimal("-1234.5"), "-€\xa01.234,50"),
        ("12500", "€\xa012.500,00"),
        (4250, "€\xa04.250,00"),
        (None, ""),
    ],
)
def test_format_euro_writes_dutch_notation(value, shown):
    assert format_euro(value) == shown


def test_to_money_refuses_a_float():
    with pytest.raises(TypeError):
        to_money(0.1)


def test_to_money_refuses_what_is_not_a_number():
    with pytest.raises(ValueError, match="Not an amount of money"):
        to_money("twaalf euro")


def test_to_money_gives_two_places():
    assert to_money("12.5").as_tuple().exponent == -2
    assert to_money(3) == Decimal("3.00")


def test_money_field_refuses_negative_and_absurd_amounts():
    field = MoneyField()
    field.run_validators(Decimal("0.00"))
    field.run_validators(MAX_AMOUNT)
    with pytest.raises(ValidationError, match="cannot be negative"):
        field.run_validators(Decimal("-0.01"))
    with pytest.raises(ValidationError, match="cannot be more than"):
        field.run_validators(MAX_AMOUNT + Decimal("0.01"))


def test_money_field_holds_cents():
    field = MoneyField()
    assert (field.max_digits, field.decimal_places) == (9, 2)
    with pytest.raises(ValidationError):
        field.clean(Decimal("1.005"), None)
