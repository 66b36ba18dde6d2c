"""The budget years the programme started with (2012: € 400.000, 2013: € 300.000), and
the current year on the figures of the last listed one."""

import csv
import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .models import BudgetYear, BudgetYearStatus
from .services import budget_year_close, budget_year_open, shares_divide_by_inhabitants

SEED_BUDGET_YEARS_CSV = Path(__file__).resolve().parent / "data" / "budget_years.csv"


@transaction.atomic
def budget_years_seed(*, path: Path = SEED_BUDGET_YEARS_CSV) -> list[BudgetYear]:
    """Open each listed year that is new, divide its korte klap pot, close it if so listed.

    A year that exists is left as it is: it may already carry grants. The current year
    follows, on the figures of the last listed year.
    """
    created = []
    latest = None
    with open(path, newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            latest = record
            year = int(record["year"])
            if BudgetYear.objects.filter(year=year).exists():
                continue
            budget_year = budget_year_open(
                year=year,
                total=record["total"],
                korte_klap_pot=record["korte_klap_pot"],
                lange_klap_pot=record["lange_klap_pot"],
            )
            shares_divide_by_inhabitants(budget_year=budget_year)
            if record["status"] == BudgetYearStatus.CLOSED:
                year_end = datetime.datetime(
                    year, 12, 31, 23, 59, tzinfo=ZoneInfo("Europe/Amsterdam")
                )
                budget_year = budget_year_close(budget_year=budget_year, at=year_end).budget_year
            created.append(budget_year)
    current = current_budget_year_seed(template=latest) if latest else None
    if current is not None:
        created.append(current)
    return created


def current_budget_year_seed(*, template: dict) -> BudgetYear | None:
    """Open this year's pot on the figures of `template` (a row of the CSV), if it is not there.

    Money is granted in the year of the decision: without the current year a fresh
    install (and the demo, which lives in the current year) could approve nothing.
    """
    year = timezone.localdate().year
    if BudgetYear.objects.filter(year=year).exists():
        return None
    budget_year = budget_year_open(
        year=year,
        total=template["total"],
        korte_klap_pot=template["korte_klap_pot"],
        lange_klap_pot=template["lange_klap_pot"],
    )
    shares_divide_by_inhabitants(budget_year=budget_year)
    return budget_year
