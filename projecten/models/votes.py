"""Assessment votes of the initiatiefgroep (korte klap) or the stuurgroep (lange klap)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projecten.models.proposal import Proposal


class VoteBody(models.TextChoices):
    INITIATIEFGROEP = "initiatiefgroep", _("initiatiefgroep")
    STUURGROEP = "stuurgroep", _("stuurgroep")


class VoteOutcome(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    NOT_ADOPTED = "not_adopted", _("not adopted")
    NO_QUORUM = "no_quorum", _("too few votes (no quorum)")


class AssessmentVote(models.Model):
    """A vote on one proposal by the initiatiefgroep (korte klap) or the stuurgroep (lange klap).

    The counts and the outcome are written once, when the vote closes.
    """

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="votes"
    )
    body = models.CharField(_("who votes"), max_length=15, choices=VoteBody.choices)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    quorum = models.DecimalField(
        _("quorum"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        help_text=_("The part of the voters that must vote, e.g. 0.50 for half."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    eligible_count = models.PositiveIntegerField(_("could vote"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstained"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=VoteOutcome.choices, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment vote")
        verbose_name_plural = _("assessment votes")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(closed_at__isnull=True),
                name="projecten_one_open_vote_per_proposal",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opened_at")),
                name="projecten_vote_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(quorum__gte=0, quorum__lte=1),
                name="projecten_vote_quorum_0_to_1",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(closed_at__isnull=True, outcome="")
                    | (models.Q(closed_at__isnull=False) & ~models.Q(outcome=""))
                ),
                name="projecten_vote_closed_has_outcome",
            ),
        ]

    def __str__(self):
        return f"{self.proposal} ({self.get_body_display()})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class VoteChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class VoteCast(models.Model):
    """One member's vote. Visible to the deciders, never to the public."""

    vote = models.ForeignKey(
        AssessmentVote, verbose_name=_("vote"), on_delete=models.CASCADE, related_name="casts"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    choice = models.CharField(_("choice"), max_length=7, choices=VoteChoice.choices)
    motivation = models.TextField(_("motivation"), blank=True)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote cast")
        verbose_name_plural = _("votes cast")
        ordering = ["vote", "cast_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="projecten_one_vote_per_person"),
            models.CheckConstraint(
                condition=models.Q(choice__in=VoteChoice.values), name="projecten_vote_choice_valid"
            ),
        ]

    def __str__(self):
        return f"{self.voter} – {self.vote}"
