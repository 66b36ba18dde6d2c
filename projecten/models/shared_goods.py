"""What a funded project bought, shared with the organisations of the area, and borrow requests."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projecten.models.proposal import Proposal
from smederijen.models import DecidableRequest


class SharedGood(models.Model):
    """Something bought with Smederij money, shared with every group of the area."""

    smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("Smederij"),
        on_delete=models.PROTECT,
        related_name="shared_goods",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("bought for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_goods",
    )
    name = models.CharField(_("item"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    keeper = models.CharField(
        _("kept by"),
        max_length=200,
        help_text=_("Who keeps it and where, e.g. 'dorpshuis De Schalm'."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("shared good")
        verbose_name_plural = _("shared goods")
        ordering = ["smederij", "name"]

    def __str__(self):
        return self.name


class BorrowRequest(DecidableRequest):
    """A group of the area asks to borrow a shared good; the keeper side answers."""

    good = models.ForeignKey(
        SharedGood, verbose_name=_("item"), on_delete=models.CASCADE, related_name="borrow_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    group = models.ForeignKey(
        "smederijen.Group",
        verbose_name=_("for group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    from_date = models.DateField(_("from"))
    until_date = models.DateField(_("until"))
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("borrow request")
        verbose_name_plural = _("borrow requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until_date__gte=models.F("from_date")),
                name="projecten_borrow_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.good} ({self.from_date})"
