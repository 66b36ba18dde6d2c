from decimal import Decimal

import pytest

from budget import services
from budget.errors import BudgetError
from budget.models import BudgetYear, BudgetYearChange, BudgetYearChangeKind, BudgetYearStatus
from budget.services import budget_year_open

pytestmark = pytest.mark.django_db


def test_budget_year_opens_with_its_split_and_records_who(actor):
    year = budget_year_open(
        year=2013,
        total=Decimal("300000.00"),
        korte_klap_pot=Decimal("180000.00"),
        lange_klap_pot=Decimal("120000.00"),
        actor=actor,
        reason="Begroting 2013",
    )
    assert (year.total, year.korte_klap_pot, year.lange_klap_pot) == (
        Decimal("300000.00"),
        Decimal("180000.00"),
        Decimal("120000.00"),
    )
    assert year.status == BudgetYearStatus.OPEN
    change = BudgetYearChange.objects.get(budget_year=year)
    assert (change.kind, change.changed_by, change.total) == (
        BudgetYearChangeKind.OPENED,
        actor,
        Decimal("300000.00"),
    )


def test_budget_year_open_refused_when_pots_do_not_add_up():
    with pytest.raises(BudgetError) as error:
        budget_year_open(
            year=2013, total="300000", korte_klap_pot="180000", lange_klap_pot="100000"
        )
    assert str(error.value) == (
        "The korte klap pot (€\xa0180.000,00) and the lange klap pot (€\xa0100.000,00) "
        "must add up to the total (€\xa0300.000,00)."
    )


def test_budget_year_open_refused_for_negative_amounts():
    with pytest.raises(BudgetError, match="Amounts cannot be negative."):
        budget_year_open(year=2013, total="0", korte_klap_pot="10", lange_klap_pot="-10")


def test_budget_year_open_refused_twice(year):
    with pytest.raises(BudgetError, match="Budget year 2013 already exists."):
        budget_year_open(year=2013, total="1", korte_klap_pot="1", lange_klap_pot="0")


def test_budget_year_open_refused_for_an_absurd_year():
    with pytest.raises(BudgetError, match="3013 is not a budget year."):
        budget_year_open(year=3013, total="1", korte_klap_pot="1", lange_klap_pot="0")


def test_budget_year_open_refuses_floats():
    with pytest.raises(TypeError):
        budget_year_open(year=2013, total=0.3, korte_klap_pot=0.1, lange_klap_pot=0.2)


def test_budget_year_open_refuses_fractions_of_a_cent():
    with pytest.raises(BudgetError, match="An amount has at most two decimals: 0.005"):
        budget_year_open(year=2013, total="0.005", korte_klap_pot="0.005", lange_klap_pot="0")


def test_budget_year_open_refuses_more_than_the_maximum():
    with pytest.raises(BudgetError, match="cannot be more than €\xa09.999.999,99"):
        budget_year_open(year=2013, total="10000000", korte_klap_pot="10000000", lange_klap_pot="0")


def test_open_with_shares_opens_the_year_and_its_shares_in_one_go(krakeel, actor):
    budget_year = services.budget_year_open_with_shares(
        year=2014,
        total=Decimal("300000.00"),
        korte_klap_pot=Decimal("10000.00"),
        lange_klap_pot=Decimal("290000.00"),
        amounts={krakeel: Decimal("9000.00")},
        actor=actor,
        reason="Besluit stuurgroep",
    )
    assert BudgetYear.objects.get(year=2014) == budget_year
    share = budget_year.shares.get()
    assert (share.smederij, share.amount) == (krakeel, Decimal("9000.00"))
    assert share.changes.get().changed_by == actor


def test_open_with_shares_above_the_pot_opens_nothing(krakeel, actor):
    with pytest.raises(BudgetError) as refused:
        services.budget_year_open_with_shares(
            year=2014,
            total=Decimal("300000.00"),
            korte_klap_pot=Decimal("10000.00"),
            lange_klap_pot=Decimal("290000.00"),
            amounts={krakeel: Decimal("10000.01")},
            actor=actor,
            reason="Besluit stuurgroep",
        )
    assert refused.value.code == "shares_exceed_pot"
    assert not BudgetYear.objects.filter(year=2014).exists()
