"""The decision on a proposal, recorded by the gebiedsregisseur."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.money import MoneyField
from projecten.models.proposal import Proposal
from projecten.models.votes import AssessmentVote


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    DEFERRED = "deferred", _("deferred to next year")


class Decision(models.Model):
    """The gebiedsregisseur's record of a decision: the basis of the decision letter."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=DecisionOutcome.choices)
    vote = models.ForeignKey(
        AssessmentVote,
        verbose_name=_("vote"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = MoneyField(_("amount granted"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    conditional_on_co_funding = models.BooleanField(
        _("only when the promised co-funding is received"), default=False
    )
    motivation = models.TextField(_("motivation"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at"]
        get_latest_by = "decided_at"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=DecisionOutcome.values),
                name="projecten_decision_outcome_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(outcome=DecisionOutcome.APPROVED, amount__gt=0)
                    | (~models.Q(outcome=DecisionOutcome.APPROVED) & models.Q(amount__isnull=True))
                ),
                name="projecten_decision_amount_only_when_approved",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome=DecisionOutcome.REJECTED) | ~models.Q(motivation=""),
                name="projecten_decision_rejection_has_motivation",
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_outcome_display()}"
