from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.models import BudgetYearChange, BudgetYearChangeKind
from budget.services import (
    budget_year_change_split,
    budget_year_change_total,
    budget_year_close,
    shares_set,
)
from projecten.models import Klap

pytestmark = pytest.mark.django_db


def test_split_changes_and_the_history_keeps_both(year, actor):
    budget_year_change_split(
        budget_year=year,
        korte_klap_pot="150000",
        lange_klap_pot="150000",
        actor=actor,
        reason="Lange klap wordt belangrijker",
    )
    year.refresh_from_db()
    assert (year.korte_klap_pot, year.lange_klap_pot) == (Decimal("150000"), Decimal("150000"))
    history = list(BudgetYearChange.objects.filter(budget_year=year).order_by("pk"))
    assert [(c.kind, c.korte_klap_pot) for c in history] == [
        (BudgetYearChangeKind.OPENED, Decimal("180000.00")),
        (BudgetYearChangeKind.CHANGED, Decimal("150000.00")),
    ]
    assert history[1].changed_by == actor
    assert history[1].reason == "Lange klap wordt belangrijker"


def test_split_refused_when_it_changes_the_total(year, actor):
    with pytest.raises(BudgetError, match="must add up to the total"):
        budget_year_change_split(
            budget_year=year, korte_klap_pot="1", lange_klap_pot="1", actor=actor, reason="x"
        )


def test_split_refused_without_a_reason(year, actor):
    with pytest.raises(BudgetError, match="Give a reason"):
        budget_year_change_split(
            budget_year=year,
            korte_klap_pot="150000",
            lange_klap_pot="150000",
            actor=actor,
            reason=" ",
        )


def test_split_refused_when_lange_klap_pot_falls_below_what_is_granted(year, actor, grant_for):
    grant_for(klap=Klap.LANGE, amount="50000.00")
    with pytest.raises(BudgetError) as error:
        budget_year_change_split(
            budget_year=year,
            korte_klap_pot="260000",
            lange_klap_pot="40000",
            actor=actor,
            reason="x",
        )
    assert str(error.value) == (
        "The lange klap pot cannot go below what is granted from it: "
        "asked €\xa040.000,00, granted €\xa050.000,00."
    )
    year.refresh_from_db()
    assert year.lange_klap_pot == Decimal("120000.00")


def test_split_refused_when_korte_klap_pot_falls_below_the_shares(year, actor, krakeel):
    shares_set(budget_year=year, amounts={krakeel: "100000"}, actor=actor, reason="x")
    with pytest.raises(BudgetError) as error:
        budget_year_change_split(
            budget_year=year,
            korte_klap_pot="90000",
            lange_klap_pot="210000",
            actor=actor,
            reason="x",
        )
    assert str(error.value) == (
        "The korte klap pot cannot go below what is divided over the Smederijen: "
        "asked €\xa090.000,00, divided €\xa0100.000,00."
    )


def test_split_refused_in_a_closed_year(year, actor):
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
        budget_year_change_split(
            budget_year=year,
            korte_klap_pot="150000",
            lange_klap_pot="150000",
            actor=actor,
            reason="x",
        )


def test_total_changes_from_400000_to_300000(actor):
    from budget.services import budget_year_open

    year = budget_year_open(year=2012, total="400000", korte_klap_pot="400000", lange_klap_pot="0")
    budget_year_change_total(
        budget_year=year,
        total="300000",
        korte_klap_pot="180000",
        lange_klap_pot="120000",
        actor=actor,
        reason="Bezuiniging",
    )
    year.refresh_from_db()
    assert year.total == Decimal("300000.00")
    assert year.changes.last().reason == "Bezuiniging"


def test_total_change_refused_when_granted_money_would_no_longer_fit(year, actor, grant_for):
    grant_for(klap=Klap.LANGE, amount="100000.00")
    with pytest.raises(BudgetError, match="cannot go below what is granted"):
        budget_year_change_total(
            budget_year=year,
            total="200000",
            korte_klap_pot="150000",
            lange_klap_pot="50000",
            actor=actor,
            reason="x",
        )


def test_total_change_refused_when_split_does_not_add_up(year, actor):
    with pytest.raises(BudgetError, match="must add up to the total"):
        budget_year_change_total(
            budget_year=year,
            total="200000",
            korte_klap_pot="150000",
            lange_klap_pot="150000",
            actor=actor,
            reason="x",
        )
