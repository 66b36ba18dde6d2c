import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from budget.errors import BudgetError
from budget.models import BudgetYearStatus
from budget.services import budget_year_close, grant_release, payment_create
from projecten.models import Klap

pytestmark = pytest.mark.django_db


def test_close_reports_what_was_left_unspent_per_category_and_smederij(
    year, share, krakeel, actor, grant_for
):
    grant = grant_for(smederij=krakeel, amount="3000.00")
    payment_create(grant=grant, amount="2000.00", actor=actor)
    grant_for(klap=Klap.LANGE, amount="20000.00")
    at = datetime.datetime(2013, 12, 31, 23, 59, tzinfo=ZoneInfo("Europe/Amsterdam"))

    report = budget_year_close(budget_year=year, actor=actor, at=at)

    assert report.budget_year.status == BudgetYearStatus.CLOSED
    assert report.budget_year.closed_at == at
    krakeel_balance = report.balances.for_smederij(krakeel).balance
    assert krakeel_balance.free == Decimal("4500.00")
    assert krakeel_balance.unspent == Decimal("5500.00")
    assert report.balances.lange.free == Decimal("100000.00")
    assert report.balances.lange.unspent == Decimal("120000.00")
    assert report.balances.korte_undivided == Decimal("172500.00")


def test_close_refused_twice(year, actor):
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError, match="Budget year 2013 is already closed."):
        budget_year_close(budget_year=year, actor=actor)


def test_closed_year_takes_no_payments_but_a_release(year, share, krakeel, actor, grant_for):
    grant = grant_for(smederij=krakeel, amount="3000.00")
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
        payment_create(grant=grant, amount="10.00", actor=actor)
    grant_release(grant=grant, actor=actor, reason="Niet doorgegaan")
