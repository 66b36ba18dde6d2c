"""Every operation that moves money. Each one locks the row it draws from and
checks the invariants of DESIGN.md again after the lock."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from smederijen.models import Smederij

from .allocation import divide_proportionally
from .errors import BudgetError
from .models import BudgetYear, BudgetYearStatus, SmederijShare
from .money import ZERO, format_euro, to_money


@transaction.atomic
def budget_year_open(
    *, year: int, total: Decimal, korte_klap_pot: Decimal, lange_klap_pot: Decimal
) -> BudgetYear:
    """Open a new budget year with its total split over korte and lange klap."""
    total, korte, lange = to_money(total), to_money(korte_klap_pot), to_money(lange_klap_pot)
    if min(total, korte, lange) < 0:
        raise BudgetError(_("Amounts cannot be negative."))
    if korte + lange != total:
        raise BudgetError(
            _(
                "The korte klap pot (%(korte)s) and the lange klap pot (%(lange)s) "
                "must add up to the total (%(total)s)."
            )
            % {
                "korte": format_euro(korte),
                "lange": format_euro(lange),
                "total": format_euro(total),
            }
        )
    if BudgetYear.objects.filter(year=year).exists():
        raise BudgetError(_("Budget year %(year)d already exists.") % {"year": year})
    return BudgetYear.objects.create(
        year=year, total=total, korte_klap_pot=korte, lange_klap_pot=lange
    )


@transaction.atomic
def shares_divide_by_inhabitants(*, budget_year: BudgetYear) -> list[SmederijShare]:
    """Divide the korte klap pot over the active Smederijen in proportion to inhabitants.

    Only for a year that has no shares yet: once shares exist, money moves by
    reallocation records, so that every euro keeps its history.
    """
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    if budget_year.shares.exists():
        raise BudgetError(
            _("The korte klap pot of %(year)d has already been divided.")
            % {"year": budget_year.year}
        )
    smederijen = list(Smederij.objects.active().select_related("area").order_by("name"))
    parts = divide_proportionally(
        budget_year.korte_klap_pot, {s.name: s.area.inhabitants for s in smederijen}
    )
    shares = SmederijShare.objects.bulk_create(
        SmederijShare(budget_year=budget_year, smederij=s, amount=parts[s.name]) for s in smederijen
    )
    _assert_shares_fit(budget_year)
    return shares


@transaction.atomic
def budget_year_close(*, budget_year: BudgetYear, at: datetime) -> BudgetYear:
    budget_year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    if budget_year.status == BudgetYearStatus.CLOSED:
        raise BudgetError(_("Budget year %(year)d is already closed.") % {"year": budget_year.year})
    budget_year.status, budget_year.closed_at = BudgetYearStatus.CLOSED, at
    budget_year.save(update_fields=["status", "closed_at"])
    return budget_year


def _assert_shares_fit(budget_year: BudgetYear) -> None:
    shared = budget_year.shares.aggregate(total=Sum("amount"))["total"] or ZERO
    if shared > budget_year.korte_klap_pot:
        raise BudgetError(
            _("The shares (%(shared)s) exceed the korte klap pot (%(pot)s).")
            % {"shared": format_euro(shared), "pot": format_euro(budget_year.korte_klap_pot)}
        )
