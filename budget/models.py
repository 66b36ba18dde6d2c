"""The annual pot, its split over korte and lange klap, the Smederijen's shares, and the
append-only ledger of grants, payments, releases, refunds and reallocations.

Invariant 1 of DESIGN.md (korte + lange = total) is a database constraint here;
invariant 2 (shares add up to at most the korte klap pot) spans rows and is
kept by the budget services under a row lock.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .money import ZERO, MoneyField, non_negative, positive


def pots_add_up_to_total() -> models.Q:
    """total = korte klap pot + lange klap pot, to the cent.

    Within half a cent rather than `total=F(...) + F(...)`: SQLite keeps decimals
    as floating point, where 0.01 + 0.40 is not 0.41. For amounts in whole cents
    the margin means exact equality; PostgreSQL's numeric is exact anyway.
    """
    pots = F("korte_klap_pot") + F("lange_klap_pot")
    half_cent = Value(
        Decimal("0.005"), output_field=models.DecimalField(max_digits=4, decimal_places=3)
    )
    return models.Q(total__gt=pots - half_cent, total__lt=pots + half_cent)


class Klap(models.TextChoices):
    """The two kinds of project, and so the two kinds of pot a grant draws from.

    Defined here, by the budget, because the budget must never import projecten
    (the apps would import each other); `projecten.models.Klap` is this class.
    The values are stored in both apps' tables: never change them.
    """

    KORTE = "korte", _("korte klap")
    LANGE = "lange", _("lange klap")


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
                condition=pots_add_up_to_total(),
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


class BudgetYearChangeKind(models.TextChoices):
    OPENED = "opened", _("opened")
    CHANGED = "changed", _("changed")
    CLOSED = "closed", _("closed")


class BudgetYearChange(models.Model):
    """Who set the total and the split of a year, when, and why: the history of the pot.

    The pots on BudgetYear are its present state; every change of them writes
    one of these rows in the same transaction, so the history is never lost.
    """

    budget_year = models.ForeignKey(
        BudgetYear, verbose_name=_("budget year"), on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("kind"), max_length=7, choices=BudgetYearChangeKind.choices)
    total = MoneyField(_("total"))
    korte_klap_pot = MoneyField(_("korte klap pot"))
    lange_klap_pot = MoneyField(_("lange klap pot"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system did it (the seed)."),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("budget year change")
        verbose_name_plural = _("budget year changes")
        ordering = ["budget_year", "changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=pots_add_up_to_total(),
                name="budget_year_change_pots_add_up_to_total",
            ),
            non_negative("total", "budget_year_change_total_non_negative"),
            non_negative("korte_klap_pot", "budget_year_change_korte_klap_non_negative"),
            non_negative("lange_klap_pot", "budget_year_change_lange_klap_non_negative"),
            models.CheckConstraint(
                condition=models.Q(kind__in=BudgetYearChangeKind.values),
                name="budget_year_change_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.budget_year} {self.get_kind_display()} {self.changed_at:%Y-%m-%d}"


class ShareChange(models.Model):
    """Who set a Smederij's share by hand (or by the division), when, and why."""

    share = models.ForeignKey(
        SmederijShare, verbose_name=_("share"), on_delete=models.PROTECT, related_name="changes"
    )
    previous_amount = MoneyField(_("previous amount"), null=True, blank=True)
    amount = MoneyField(_("amount"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("share change")
        verbose_name_plural = _("share changes")
        ordering = ["share", "changed_at", "pk"]
        constraints = [
            non_negative("amount", "budget_share_change_amount_non_negative"),
            non_negative("previous_amount", "budget_share_change_previous_non_negative"),
        ]

    def __str__(self):
        return f"{self.share}: {self.amount}"


class Reallocation(models.Model):
    """The stuurgroep moves free korte klap money from one Smederij to another.

    A record, never an edit of the shares: a Smederij's korte klap pot is its
    share plus what was moved in minus what was moved out.
    """

    budget_year = models.ForeignKey(
        BudgetYear,
        verbose_name=_("budget year"),
        on_delete=models.PROTECT,
        related_name="reallocations",
    )
    from_smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("from Smederij"),
        on_delete=models.PROTECT,
        related_name="reallocations_out",
    )
    to_smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("to Smederij"),
        on_delete=models.PROTECT,
        related_name="reallocations_in",
    )
    amount = MoneyField(_("amount"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("reallocation")
        verbose_name_plural = _("reallocations")
        ordering = ["budget_year", "recorded_at", "pk"]
        constraints = [
            positive("amount", "budget_reallocation_amount_positive"),
            models.CheckConstraint(
                condition=~models.Q(from_smederij=F("to_smederij")),
                name="budget_reallocation_between_two_smederijen",
            ),
        ]

    def __str__(self):
        return f"{self.from_smederij} → {self.to_smederij}: {self.amount}"


class GrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(closed_at__isnull=True)

    def with_totals(self):
        """Each grant with what was released, paid and refunded on it (one query, subqueries)."""
        return self.annotate(
            released=_sum_of(Release),
            paid=_sum_of(Payment),
            refunded=_sum_of(Refund),
        )


def _sum_of(model):
    rows = (
        model.objects.filter(grant=OuterRef("pk"))
        .order_by()
        .values("grant")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(rows, output_field=MoneyField()), Value(ZERO), output_field=MoneyField()
    )


class Grant(models.Model):
    """Money reserved for an approved proposal: korte klap from its Smederij's share, lange
    klap from the lange klap pot.

    Append-only: the amount is never edited. Less money is a Release, paid money a
    Payment, paid money back a Refund. The one change a grant ever sees is
    `closed_at`, set once when its whole amount has been released; only then may
    the proposal receive another grant (one active grant per proposal).
    """

    budget_year = models.ForeignKey(
        BudgetYear, verbose_name=_("budget year"), on_delete=models.PROTECT, related_name="grants"
    )
    proposal = models.ForeignKey(
        "projecten.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        related_name="grants",
    )
    klap = models.CharField(_("klap"), max_length=5, choices=Klap.choices)
    smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("Smederij"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        help_text=_("The Smederij whose korte klap share pays; empty for lange klap."),
    )
    amount = MoneyField(_("amount"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    closed_at = models.DateTimeField(_("fully released at"), null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            positive("amount", "budget_grant_amount_positive"),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(closed_at__isnull=True),
                name="budget_grant_one_active_per_proposal",
                violation_error_message=_("This proposal already has an active grant."),
            ),
            models.CheckConstraint(
                condition=models.Q(klap__in=Klap.values), name="budget_grant_klap_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(klap=Klap.KORTE, smederij__isnull=False)
                    | models.Q(klap=Klap.LANGE, smederij__isnull=True)
                ),
                name="budget_grant_korte_klap_has_smederij",
            ),
        ]
        indexes = [models.Index(fields=["budget_year", "klap", "smederij"])]

    def __str__(self):
        return f"{self.proposal} ({self.budget_year})"

    @property
    def is_active(self) -> bool:
        return self.closed_at is None


class _GrantRecord(models.Model):
    """A movement of money on a grant: an amount, who recorded it, when and why."""

    amount = MoneyField(_("amount"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.grant}: {self.amount}"


class Payment(_GrantRecord):
    """Money paid out on a grant to the initiators."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.PROTECT, related_name="payments"
    )
    # An advance is paid before the project is carried out; the rule that caps it
    # (half the grant, unless overridden with a reason) is the gebiedsregisseur's,
    # in projecten/services/money.py. The flag and the reason keep its history.
    is_advance = models.BooleanField(_("advance"), default=False)
    override_reason = models.TextField(_("reason for an advance above half the grant"), blank=True)

    class Meta(_GrantRecord.Meta):
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [positive("amount", "budget_payment_amount_positive")]


class Release(_GrantRecord):
    """Unpaid money of a grant given back to its pot (project cancelled, cheaper, deferred)."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.PROTECT, related_name="releases"
    )

    class Meta(_GrantRecord.Meta):
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [positive("amount", "budget_release_amount_positive")]


class Refund(_GrantRecord):
    """Money paid on a grant but not spent, paid back by the initiators."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.PROTECT, related_name="refunds"
    )

    class Meta(_GrantRecord.Meta):
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [positive("amount", "budget_refund_amount_positive")]
