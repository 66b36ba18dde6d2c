"""The budget's invariants over the generated years, checked with the budget's own
selectors: what the site shows is what is checked."""

from django.db.models import F, Q

from budget.models import BudgetYear, Grant
from budget.money import ZERO
from budget.selectors import budget_year_balances


class SyntheticCheckFailed(Exception):
    pass


def budget_check(years) -> list[str]:
    """Every problem found; empty when every invariant holds."""
    problems = []
    for budget_year in BudgetYear.objects.filter(pk__in=[y.pk for y in years.values()]).order_by(
        "year"
    ):
        balances = budget_year_balances(budget_year=budget_year)
        year = budget_year.year
        if budget_year.korte_klap_pot + budget_year.lange_klap_pot != budget_year.total:
            problems.append(f"{year}: korte + lange != total")
        if sum((s.share.amount for s in balances.shares), ZERO) > budget_year.korte_klap_pot:
            problems.append(f"{year}: shares above the korte klap pot")
        for share in balances.shares:
            pot = share.share.amount + share.reallocated_in - share.reallocated_out
            if share.balance.committed > pot:
                problems.append(f"{year} {share.smederij}: committed above the share")
        if balances.lange.committed > budget_year.lange_klap_pot:
            problems.append(f"{year}: lange klap committed above its pot")
    # Each grant (the invariant 4 of DESIGN.md): 0 <= paid - refunded <= granted - released,
    # with the totals the selectors use (`with_totals`), in one query over every grant.
    bad = (
        Grant.objects.filter(budget_year__in=list(years.values()))
        .with_totals()
        .filter(Q(paid__gt=F("amount") - F("released") + F("refunded")) | Q(paid__lt=F("refunded")))
        .values_list("pk", flat=True)[:10]
    )
    problems += [f"grant {pk}: spent outside 0..committed" for pk in bad]
    return problems
