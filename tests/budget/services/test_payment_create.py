from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.models import Payment
from budget.services import grant_release, payment_create, refund_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(share, krakeel, grant_for):
    return grant_for(smederij=krakeel, amount="1000.00")


def test_payment_is_recorded_with_who_and_why(grant, actor):
    payment = payment_create(grant=grant, amount="400.00", actor=actor, reason="Voorschot")
    assert (payment.amount, payment.recorded_by, payment.reason) == (
        Decimal("400.00"),
        actor,
        "Voorschot",
    )


def test_payments_may_add_up_to_the_grant_exactly(grant, actor):
    payment_create(grant=grant, amount="400.00", actor=actor)
    payment_create(grant=grant, amount="600.00", actor=actor)


def test_payment_refused_above_what_is_open_on_the_grant(grant, actor):
    payment_create(grant=grant, amount="400.00", actor=actor)
    with pytest.raises(BudgetError) as error:
        payment_create(grant=grant, amount="600.01", actor=actor)
    assert str(error.value) == (
        f"Cannot pay more than is open on the grant for “{grant.proposal.title}”: "
        "asked €\xa0600,01, open €\xa0600,00"
    )
    assert Payment.objects.count() == 1


def test_payment_refused_for_released_money(grant, actor):
    grant_release(grant=grant, actor=actor, amount="300.00", reason="Goedkoper")
    with pytest.raises(BudgetError, match="open €\xa0700,00"):
        payment_create(grant=grant, amount="700.01", actor=actor)


def test_refunded_money_may_be_paid_again(grant, actor):
    payment_create(grant=grant, amount="1000.00", actor=actor)
    refund_create(grant=grant, amount="200.00", actor=actor, reason="Te veel")
    payment_create(grant=grant, amount="200.00", actor=actor)


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_payment_refused_for_zero_or_negative(grant, actor, amount):
    with pytest.raises(BudgetError, match="An amount must be more than"):
        payment_create(grant=grant, amount=amount, actor=actor)
