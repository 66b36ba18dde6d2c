import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from budget.errors import BudgetError
from budget.models import BudgetYearStatus
from budget.selectors import grant_balance, year_end_report
from budget.services import (
    budget_year_change_split,
    budget_year_close,
    grant_release,
    payment_create,
    refund_create,
    share_reallocate,
    shares_set,
)
from projecten.models import Klap
from tests import factories

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


def test_close_lists_the_grants_still_to_be_paid_from_the_year(
    year, share, krakeel, actor, grant_for
):
    running = grant_for(smederij=krakeel, amount="3000.00")
    payment_create(grant=running, amount="2000.00", actor=actor)
    refund_create(grant=running, amount="250.00", actor=actor, reason="Over")
    lange = grant_for(klap=Klap.LANGE, amount="20000.00")
    grant_release(grant=lange, actor=actor, reason="Goedkoper", amount="5000.00")
    finished = grant_for(smederij=krakeel, amount="500.00")
    payment_create(grant=finished, amount="500.00", actor=actor)
    cancelled = grant_for(smederij=krakeel, amount="700.00")
    grant_release(grant=cancelled, actor=actor, reason="Gaat niet door")

    report = budget_year_close(budget_year=year, actor=actor)

    assert [(c.proposal, c.granted, c.paid, c.open) for c in report.commitments] == [
        (running.proposal, Decimal("3000.00"), Decimal("1750.00"), Decimal("1250.00")),
        (lange.proposal, Decimal("15000.00"), Decimal("0.00"), Decimal("15000.00")),
    ]
    assert report.open_total == Decimal("16250.00")
    # The selector gives the same report after the close, for the year-end page.
    again = year_end_report(budget_year=year)
    assert [c.grant for c in again.commitments] == [c.grant for c in report.commitments]
    assert again.balances.for_smederij(krakeel).balance == (
        report.balances.for_smederij(krakeel).balance
    )


def test_a_closed_years_grant_stays_payable_refundable_and_releasable(
    year, share, krakeel, actor, grant_for
):
    grant = grant_for(smederij=krakeel, amount="3000.00")
    payment_create(grant=grant, amount="1000.00", actor=actor, is_advance=True)
    budget_year_close(budget_year=year, actor=actor)

    payment_create(grant=grant, amount="1500.00", actor=actor)
    refund_create(grant=grant, amount="200.00", actor=actor, reason="Niet alles uitgegeven")
    grant_release(grant=grant, actor=actor, reason="Project klaar")

    balance = grant_balance(grant=grant)
    assert (balance.paid, balance.refunded, balance.released) == (
        Decimal("2500.00"),
        Decimal("200.00"),
        Decimal("700.00"),
    )
    assert balance.open == Decimal("0.00")
    # The money came from 2013's pot, after 2013 closed: still within the share.
    share_after = year_end_report(budget_year=year).balances.for_smederij(krakeel).balance
    assert share_after.spent == Decimal("2300.00") and share_after.free == Decimal("5200.00")


def test_a_payment_after_the_close_is_still_at_most_what_is_open(
    year, share, krakeel, actor, grant_for
):
    grant = grant_for(smederij=krakeel, amount="300.00")
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError) as error:
        payment_create(grant=grant, amount="300.01", actor=actor)
    assert error.value.code == "payment_above_grant"


def test_a_closed_year_takes_no_new_grants_reallocations_or_share_changes(
    year, share, krakeel, actor, grant_for
):
    other = factories.SmederijFactory()
    shares_set(budget_year=year, amounts={other: Decimal("100.00")}, actor=actor, reason="Ook")
    budget_year_close(budget_year=year, actor=actor)

    for klap in (Klap.KORTE, Klap.LANGE):
        with pytest.raises(BudgetError) as error:
            grant_for(smederij=krakeel, klap=klap, amount="10.00")
        assert error.value.code == "year_not_open"
    refusals = (
        lambda: share_reallocate(
            budget_year=year,
            from_smederij=krakeel,
            to_smederij=other,
            amount="10.00",
            actor=actor,
            reason="Schuiven",
        ),
        lambda: shares_set(
            budget_year=year, amounts={krakeel: Decimal("1.00")}, actor=actor, reason="Minder"
        ),
        lambda: budget_year_change_split(
            budget_year=year,
            korte_klap_pot="170000.00",
            lange_klap_pot="130000.00",
            actor=actor,
            reason="Anders",
        ),
    )
    for refused in refusals:
        with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
            refused()
