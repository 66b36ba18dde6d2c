"""The verantwoording of a funded project: the report and what was spent per line."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.money import ZERO, MoneyField, non_negative
from projecten.models.proposal import BudgetLine, Proposal


class AccountingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    MORE_REQUESTED = "more_requested", _("more information asked")
    APPROVED = "approved", _("approved")


class Accounting(models.Model):
    """The verantwoording of a funded project: what was done, with whom, and what it cost."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="accounting"
    )
    report = models.TextField(_("what was done"))
    participants = models.PositiveIntegerField(_("number of residents who took part"))
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=AccountingStatus.choices,
        default=AccountingStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    review_message = models.TextField(_("message from the gebiedsregisseur"), blank=True)

    class Meta:
        verbose_name = _("verantwoording")
        verbose_name_plural = _("verantwoordingen")
        ordering = ["-submitted_at"]

    def __str__(self):
        return str(self.proposal)

    @property
    def spent_total(self):
        return sum((line.amount for line in self.lines.all()), ZERO)


class AccountingLine(models.Model):
    """What was spent against one budget line (or on something not foreseen)."""

    accounting = models.ForeignKey(
        Accounting, verbose_name=_("verantwoording"), on_delete=models.CASCADE, related_name="lines"
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("what"), max_length=200)
    amount = MoneyField(_("spent"))

    class Meta:
        verbose_name = _("spending line")
        verbose_name_plural = _("spending lines")
        ordering = ["accounting", "pk"]
        constraints = [non_negative("amount", "projecten_accountingline_amount_non_negative")]

    def __str__(self):
        return self.description
