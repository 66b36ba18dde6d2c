from decimal import Decimal

import pytest

from budget.errors import BudgetError
from budget.selectors import budget_year_balances
from budget.services import grant_release, payment_create, refund_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(share, krakeel, grant_for):
    return grant_for(smederij=krakeel, amount="1000.00")


def test_release_of_the_unpaid_rest_returns_it_to_the_share(year, grant, krakeel, actor):
    payment_create(grant=grant, amount="400.00", actor=actor)
    release = grant_release(grant=grant, actor=actor, reason="Goedkoper uitgevallen")
    assert release.amount == Decimal("600.00")
    grant.refresh_from_db()
    assert grant.is_active  # 400 stays committed: it was paid
    balance = budget_year_balances(budget_year=year).for_smederij(krakeel).balance
    assert balance.free == Decimal("7100.00")


def test_release_of_a_part(grant, actor):
    release = grant_release(grant=grant, actor=actor, amount="250.00", reason="Goedkoper")
    assert release.amount == Decimal("250.00")
    grant.refresh_from_db()
    assert grant.is_active


def test_release_of_everything_closes_the_grant(grant, actor):
    grant_release(grant=grant, actor=actor, reason="Geannuleerd")
    grant.refresh_from_db()
    assert grant.closed_at is not None


def test_cancelled_project_pays_back_the_advance_then_releases_all(grant, actor):
    payment_create(grant=grant, amount="300.00", actor=actor, reason="Voorschot")
    refund_create(grant=grant, amount="300.00", actor=actor, reason="Terugbetaald")
    release = grant_release(grant=grant, actor=actor, reason="Geannuleerd")
    assert release.amount == Decimal("1000.00")
    grant.refresh_from_db()
    assert not grant.is_active


def test_release_refused_above_the_unpaid_rest(grant, actor):
    payment_create(grant=grant, amount="400.00", actor=actor)
    with pytest.raises(BudgetError) as error:
        grant_release(grant=grant, actor=actor, amount="600.01", reason="x")
    assert str(error.value) == (
        f"Cannot release more than is unpaid on the grant for “{grant.proposal.title}”: "
        "asked €\xa0600,01, unpaid €\xa0600,00"
    )


def test_release_refused_when_everything_is_paid(grant, actor):
    payment_create(grant=grant, amount="1000.00", actor=actor)
    with pytest.raises(BudgetError, match="unpaid €\xa00,00"):
        grant_release(grant=grant, actor=actor, reason="x")


def test_release_refused_without_reason(grant, actor):
    with pytest.raises(BudgetError, match="Give a reason"):
        grant_release(grant=grant, actor=actor, reason="")


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_release_refused_for_zero_or_negative(grant, actor, amount):
    with pytest.raises(BudgetError, match="An amount must be more than"):
        grant_release(grant=grant, actor=actor, amount=amount, reason="x")
