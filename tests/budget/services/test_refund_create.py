from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.services import budget_year_close, payment_create, refund_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_grant(share, krakeel, grant_for, actor):
    grant = grant_for(smederij=krakeel, amount="1000.00")
    payment_create(grant=grant, amount="800.00", actor=actor)
    return grant


def test_refund_of_money_paid_but_not_spent(paid_grant, actor):
    refund = refund_create(grant=paid_grant, amount="150.00", actor=actor, reason="Bonnetjes")
    assert (refund.amount, refund.recorded_by) == (Decimal("150.00"), actor)


def test_refund_allowed_after_the_year_closed(year, paid_grant, actor):
    budget_year_close(budget_year=year, actor=actor)
    refund_create(grant=paid_grant, amount="800.00", actor=actor, reason="Verantwoording")


def test_refund_refused_above_what_was_paid(paid_grant, actor):
    refund_create(grant=paid_grant, amount="100.00", actor=actor, reason="x")
    with pytest.raises(BudgetError) as error:
        refund_create(grant=paid_grant, amount="700.01", actor=actor, reason="x")
    assert str(error.value) == (
        f"Cannot refund more than was paid on the grant for “{paid_grant.proposal.title}”: "
        "asked €\xa0700,01, paid €\xa0700,00"
    )


def test_refund_refused_without_reason(paid_grant, actor):
    with pytest.raises(BudgetError, match="Give a reason"):
        refund_create(grant=paid_grant, amount="1", actor=actor, reason="")


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_refund_refused_for_zero_or_negative(paid_grant, actor, amount):
    with pytest.raises(BudgetError, match="An amount must be more than"):
        refund_create(grant=paid_grant, amount=amount, actor=actor, reason="x")
