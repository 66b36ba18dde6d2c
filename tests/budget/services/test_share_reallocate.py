from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.models import Reallocation
from budget.selectors import budget_year_balances
from budget.services import budget_year_close, share_reallocate, shares_set
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def weide(year, actor):
    weide = factories.SmederijFactory(area__name="De Weide", area__slug="de-weide")
    shares_set(budget_year=year, amounts={weide: "2000.00"}, actor=actor, reason="x")
    return weide


def test_reallocation_moves_free_money_and_keeps_the_shares(year, share, krakeel, weide, actor):
    move = share_reallocate(
        budget_year=year,
        from_smederij=krakeel,
        to_smederij=weide,
        amount="1500.00",
        actor=actor,
        reason="Krakeel heeft over, De Weide tekort",
    )
    assert (move.recorded_by, move.amount) == (actor, Decimal("1500.00"))
    balances = budget_year_balances(budget_year=year)
    assert balances.for_smederij(krakeel).balance.pot == Decimal("6000.00")
    assert balances.for_smederij(weide).balance.pot == Decimal("3500.00")
    share.refresh_from_db()
    assert share.amount == Decimal("7500.00")


def test_reallocation_refused_above_what_is_free(year, share, krakeel, weide, actor, grant_for):
    grant_for(smederij=krakeel, amount="7000.00")
    with pytest.raises(BudgetError) as error:
        share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=weide,
            amount="500.01",
            actor=actor,
            reason="x",
        )
    assert str(error.value) == (
        "Not enough budget in korte klap for Smederij Krakeel: "
        "asked €\xa0500,01, available €\xa0500,00"
    )
    assert not Reallocation.objects.exists()


def test_reallocation_refused_to_the_same_smederij(year, share, krakeel, actor):
    with pytest.raises(BudgetError, match="two different Smederijen"):
        share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=krakeel,
            amount="1",
            actor=actor,
            reason="x",
        )


def test_reallocation_refused_to_a_smederij_without_a_share(year, share, krakeel, actor):
    other = factories.SmederijFactory(area__name="Nergens", area__slug="nergens")
    with pytest.raises(BudgetError, match="Smederij Nergens has no korte klap budget in 2013."):
        share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=other,
            amount="1",
            actor=actor,
            reason="x",
        )


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_reallocation_refused_for_zero_or_negative(year, share, krakeel, weide, actor, amount):
    with pytest.raises(BudgetError, match="An amount must be more than €\xa00,00"):
        share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=weide,
            amount=amount,
            actor=actor,
            reason="x",
        )


def test_reallocation_refused_without_reason(year, share, krakeel, weide, actor):
    with pytest.raises(BudgetError, match="Give a reason"):
        share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=weide,
            amount="1",
            actor=actor,
            reason="",
        )


def test_reallocation_refused_in_a_closed_year(year, share, krakeel, weide, actor):
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
        share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=weide,
            amount="1",
            actor=actor,
            reason="x",
        )
