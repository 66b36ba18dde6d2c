"""The annual pot, its split over korte and lange klap, and the Smederijen's shares.

The engine that grants and pays (services, grants, payments) builds on these.
Invariant 1 of DESIGN.md (korte + lange = total) is a database constraint here;
invariant 2 (shares add up to at most the korte klap pot) spans rows and is
kept by the budget services under a row lock.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .money import MoneyField, non_negative


class BudgetYearStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class BudgetYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    total = MoneyField(_("total"))
    korte_klap_pot = MoneyField(_("korte klap pot"))
    lange_klap_pot = MoneyField(_("lange klap pot"))
    status = models.CharField(
        _("status"), max_length=6, choices=BudgetYearStatus.choices, default=BudgetYearStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total=F("korte_klap_pot") + F("lange_klap_pot")),
                name="budget_year_pots_add_up_to_total",
                violation_error_message=_(
                    "The korte klap pot and the lange klap pot must add up to the total."
                ),
            ),
            non_negative("total", "budget_year_total_non_negative"),
            non_negative("korte_klap_pot", "budget_year_korte_klap_non_negative"),
            non_negative("lange_klap_pot", "budget_year_lange_klap_non_negative"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="budget_year_sane_year"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=BudgetYearStatus.OPEN, closed_at__isnull=True)
                    | models.Q(status=BudgetYearStatus.CLOSED, closed_at__isnull=False)
                ),
                name="budget_year_closed_has_moment",
            ),
        ]

    def __str__(self):
        return str(self.year)

    @property
    def is_open(self) -> bool:
        return self.status == BudgetYearStatus.OPEN


class SmederijShare(models.Model):
    """The korte klap budget of one Smederij in one year, as first divided."""

    budget_year = models.ForeignKey(
        BudgetYear, verbose_name=_("budget year"), on_delete=models.PROTECT, related_name="shares"
    )
    smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("Smederij"),
        on_delete=models.PROTECT,
        related_name="budget_shares",
    )
    amount = MoneyField(_("korte klap budget"))

    class Meta:
        verbose_name = _("korte klap share")
        verbose_name_plural = _("korte klap shares")
        ordering = ["-budget_year__year", "smederij__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "smederij"], name="budget_share_one_per_smederij_per_year"
            ),
            non_negative("amount", "budget_share_amount_non_negative"),
        ]

    def __str__(self):
        return f"{self.smederij} {self.budget_year}"
