from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.models import ShareChange, SmederijShare
from budget.services import (
    budget_year_close,
    grant_release,
    share_reallocate,
    shares_divide_by_inhabitants,
    shares_set,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_divide_by_inhabitants_adds_up_to_the_pot_to_the_cent(year):
    for inhabitants in (1000, 2000, 3001):
        factories.SmederijFactory(area__inhabitants=inhabitants)
    factories.SmederijFactory(is_active=False)

    shares = shares_divide_by_inhabitants(budget_year=year)

    assert len(shares) == 3
    assert sum(s.amount for s in shares) == year.korte_klap_pot
    assert ShareChange.objects.filter(share__budget_year=year).count() == 3


def test_divide_refused_when_already_divided(year):
    factories.SmederijFactory()
    shares_divide_by_inhabitants(budget_year=year)
    with pytest.raises(BudgetError, match="The korte klap pot of 2013 has already been divided."):
        shares_divide_by_inhabitants(budget_year=year)


def test_divide_refused_in_a_closed_year(year):
    factories.SmederijFactory()
    budget_year_close(budget_year=year)
    with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
        shares_divide_by_inhabitants(budget_year=year)


def test_shares_set_by_hand_records_the_change(year, krakeel, actor):
    shares_set(budget_year=year, amounts={krakeel: "7500.00"}, actor=actor, reason="Start")
    shares_set(budget_year=year, amounts={krakeel: "8000.00"}, actor=actor, reason="Meer")
    share = SmederijShare.objects.get(budget_year=year, smederij=krakeel)
    assert share.amount == Decimal("8000.00")
    assert list(share.changes.values_list("previous_amount", "amount", "reason")) == [
        (None, Decimal("7500.00"), "Start"),
        (Decimal("7500.00"), Decimal("8000.00"), "Meer"),
    ]


def test_shares_set_refused_above_the_korte_klap_pot(year, krakeel, actor):
    with pytest.raises(BudgetError) as error:
        shares_set(budget_year=year, amounts={krakeel: "180000.01"}, actor=actor, reason="x")
    assert str(error.value) == (
        "The shares (€\xa0180.000,01) exceed the korte klap pot (€\xa0180.000,00)."
    )
    assert not SmederijShare.objects.exists()


def test_shares_set_refused_below_what_the_smederij_has_granted(
    year, share, krakeel, actor, grant_for
):
    grant_for(smederij=krakeel, amount="5000.00")
    with pytest.raises(BudgetError) as error:
        shares_set(budget_year=year, amounts={krakeel: "4000.00"}, actor=actor, reason="x")
    assert str(error.value) == (
        "The share of Smederij Krakeel cannot be €\xa04.000,00: "
        "at least €\xa05.000,00 of it is granted or moved to others."
    )
    share.refresh_from_db()
    assert share.amount == Decimal("7500.00")


def test_shares_set_counts_what_was_moved_out(year, share, krakeel, actor):
    other = factories.SmederijFactory()
    shares_set(budget_year=year, amounts={other: "100"}, actor=actor, reason="x")
    share_reallocate(
        budget_year=year,
        from_smederij=krakeel,
        to_smederij=other,
        amount="7000",
        actor=actor,
        reason="x",
    )
    with pytest.raises(BudgetError, match="at least €\xa07.000,00"):
        shares_set(budget_year=year, amounts={krakeel: "6999.99"}, actor=actor, reason="x")


def test_shares_set_refused_negative(year, krakeel, actor):
    with pytest.raises(BudgetError, match="Amounts cannot be negative."):
        shares_set(budget_year=year, amounts={krakeel: "-1"}, actor=actor, reason="x")


def test_shares_set_refused_without_reason(year, krakeel, actor):
    with pytest.raises(BudgetError, match="Give a reason"):
        shares_set(budget_year=year, amounts={krakeel: "1"}, actor=actor, reason="")


def test_shares_set_after_a_release_may_go_lower(year, share, krakeel, actor, grant_for):
    grant = grant_for(smederij=krakeel, amount="5000.00")
    grant_release(grant=grant, actor=actor, reason="Goedkoper", amount="3000.00")
    shares_set(budget_year=year, amounts={krakeel: "2000.00"}, actor=actor, reason="x")
