"""The budget years of the history, opened and divided through the budget services, so
that the pots and shares carry their history rows and the invariants hold from the start.
Years the seed made (2012, 2013, the current year) are kept as they are."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from budget.models import BudgetYear, BudgetYearStatus, SmederijShare
from budget.services import budget_year_close, budget_year_open, shares_divide_by_inhabitants

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _figures(year: int) -> tuple[Decimal, Decimal, Decimal]:
    # Before 2013 the pot was € 400.000; from 2013 € 300.000 with more for lange klap.
    if year < 2013:
        return Decimal("400000.00"), Decimal("300000.00"), Decimal("100000.00")
    return Decimal("300000.00"), Decimal("180000.00"), Decimal("120000.00")


def years_open(years: list[int]) -> dict[int, BudgetYear]:
    opened = {}
    for year in years:
        budget_year = BudgetYear.objects.filter(year=year).first()
        if budget_year is None:
            total, korte, lange = _figures(year)
            budget_year = budget_year_open(
                year=year,
                total=total,
                korte_klap_pot=korte,
                lange_klap_pot=lange,
                reason="Synthetic history",
            )
        if not budget_year.shares.exists() and budget_year.status == BudgetYearStatus.OPEN:
            shares_divide_by_inhabitants(budget_year=budget_year)
        opened[year] = budget_year
    return opened


def shares_of(years: dict[int, BudgetYear]) -> dict[tuple[int, int], Decimal]:
    return {
        (share.budget_year.year, share.smederij_id): share.amount
        for share in SmederijShare.objects.filter(budget_year__in=years.values()).select_related(
            "budget_year"
        )
    }


def years_close(years: dict[int, BudgetYear], *, current: int) -> None:
    """Close every past year through the service, at its last minute."""
    for year, budget_year in sorted(years.items()):
        budget_year.refresh_from_db()
        if year < current and budget_year.status == BudgetYearStatus.OPEN:
            budget_year_close(
                budget_year=budget_year,
                at=datetime.datetime(year, 12, 31, 23, 59, tzinfo=AMSTERDAM),
                reason="Synthetic history",
            )
