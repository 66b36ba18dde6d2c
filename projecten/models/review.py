"""The wijkteam's review: how each Smederij decides per year, and the advice with its scores."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projecten.models.proposal import Proposal

# --- Assessment and decision ------------------------------------------------------------


class DecisionMethodKind(models.TextChoices):
    ASSESSMENT = "assessment", _("assessment by the initiatiefgroep")
    ELECTION = "election", _("Smederij election")


class DecisionMethod(models.Model):
    """How a Smederij decides on its korte klap proposals in a year."""

    smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("Smederij"),
        on_delete=models.CASCADE,
        related_name="decision_methods",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    method = models.CharField(_("method"), max_length=10, choices=DecisionMethodKind.choices)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision method")
        verbose_name_plural = _("decision methods")
        ordering = ["-year", "smederij__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["smederij", "year"], name="projecten_one_decision_method_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=DecisionMethodKind.values),
                name="projecten_decision_method_valid",
            ),
        ]

    def __str__(self):
        return f"{self.smederij} {self.year}: {self.get_method_display()}"


class Recommendation(models.TextChoices):
    POSITIVE = "positive", _("positive")
    NEUTRAL = "neutral", _("neutral")
    NEGATIVE = "negative", _("negative")


SCORE_RANGE = (1, 5)


def _score_field(label):
    return models.PositiveSmallIntegerField(label, help_text=_("From 1 (poor) to 5 (excellent)."))


class Advice(models.Model):
    """A professional's advice on a proposal in review, with a score on each criterion.

    Changeable until the decision starts; each change is recorded on the timeline.
    """

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="advices"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        related_name="advices",
    )
    recommendation = models.CharField(_("advice"), max_length=10, choices=Recommendation.choices)
    motivation = models.TextField(_("motivation"))
    score_liveability = _score_field(_("liveability and social side"))
    score_draagvlak = _score_field(_("support in the area"))
    score_feasibility = _score_field(_("feasible in time"))
    score_eigen_inzet = _score_field(_("own effort"))
    created_at = models.DateTimeField(_("given at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advices")
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "professional"], name="projecten_one_advice_per_professional"
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation__in=Recommendation.values),
                name="projecten_advice_recommendation_valid",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(
                        **{f"{name}__gte": SCORE_RANGE[0], f"{name}__lte": SCORE_RANGE[1]}
                    ),
                    name=f"projecten_advice_{name}_1_to_5",
                )
                for name in (
                    "score_liveability",
                    "score_draagvlak",
                    "score_feasibility",
                    "score_eigen_inzet",
                )
            ],
        ]

    def __str__(self):
        return f"{self.professional} – {self.proposal}: {self.get_recommendation_display()}"
