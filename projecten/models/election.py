"""The Smederij election: a round, the ideas on its ballot, who voted, what was chosen, paper tallies.

Secrecy (docs/decisions/0011-election-secrecy.md): who voted (`BallotVoter`)
and what was chosen (`Ballot` + `BallotChoice`) are separate tables. While the
window is open the participation row points at its ballot, so that a voter can
change it; when the round closes that link is cut (set to NULL) and nothing
else ties a ballot to a person: a ballot has a random id and no timestamps.

The rules of a round are frozen once its first ballot is cast (`frozen_at`):
the service refuses every change, and a database trigger (migration 0007)
refuses an UPDATE of the rule columns of a frozen round.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.money import MoneyField, non_negative, positive


class ElectionMethod(models.TextChoices):
    FROM_THE_TOP = "from_the_top", _("from the top (most votes first)")
    EQUAL_SHARES = "equal_shares", _("Method of Equal Shares")


class FundingStatus(models.TextChoices):
    PENDING = "", _("not counted yet")
    WAITING_FOR_PAPER = "waiting_for_paper", _("waiting for the paper tally")
    FUNDED = "funded", _("funded")
    REFUSED = "refused", _("funding refused")


# The columns that are the rules of a round: frozen once the first ballot is cast.
FROZEN_FIELDS = (
    "smederij",
    "year",
    "budget",
    "ideas_deadline",
    "opens_at",
    "closes_at",
    "votes_per_voter",
    "minimum_age",
    "counts_paper",
    "method",
)


class ElectionRound(models.Model):
    """One Smederij election: the rules, and (after the close) the result of the count."""

    smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("Smederij"),
        on_delete=models.PROTECT,
        related_name="election_rounds",
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    budget = MoneyField(_("budget of the election"))
    ideas_deadline = models.DateTimeField(_("deadline for ideas"))
    opens_at = models.DateTimeField(_("voting opens at"))
    closes_at = models.DateTimeField(_("voting closes at"))
    votes_per_voter = models.PositiveSmallIntegerField(_("votes per voter"), default=5)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=16)
    counts_paper = models.BooleanField(_("paper ballots are counted too"), default=False)
    method = models.CharField(
        _("counting method"),
        max_length=15,
        choices=ElectionMethod.choices,
        default=ElectionMethod.FROM_THE_TOP,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set up by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("set up at"), default=timezone.now)
    ballot_fixed_at = models.DateTimeField(_("ballot fixed at"), null=True, blank=True)
    frozen_at = models.DateTimeField(
        _("rules frozen at"),
        null=True,
        blank=True,
        help_text=_("The moment of the first ballot: from then on nothing of the round changes."),
    )
    closed_at = models.DateTimeField(_("voting closed at"), null=True, blank=True)
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    # The result, written once by the count.
    online_voters = models.PositiveIntegerField(_("online voters"), null=True, blank=True)
    paper_voters = models.PositiveIntegerField(_("paper ballots"), null=True, blank=True)
    inhabitants = models.PositiveIntegerField(_("inhabitants at the close"), null=True, blank=True)
    spent = MoneyField(_("budget used"), null=True, blank=True)
    funding_status = models.CharField(
        _("funding"), max_length=20, choices=FundingStatus.choices, blank=True, default=""
    )
    funding_reason = models.TextField(_("why funding was refused"), blank=True)
    # The gebiedsregisseur's recount, done by a background task: asked for, done, and what it
    # found (same or not, the differences, the recounted outcomes). Nullable columns, so that
    # SQLite adds them without rebuilding the table (and dropping its trigger, see 0011).
    recount_requested_at = models.DateTimeField(_("recount asked for at"), null=True, blank=True)
    recounted_at = models.DateTimeField(_("recounted at"), null=True, blank=True)
    recount_result = models.JSONField(_("recount"), null=True, blank=True)

    class Meta:
        verbose_name = _("election round")
        verbose_name_plural = _("election rounds")
        ordering = ["-year", "smederij__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["smederij", "year"], name="projecten_one_election_per_smederij_year"
            ),
            positive("budget", "projecten_election_budget_positive"),
            non_negative("spent", "projecten_election_spent_non_negative"),
            models.CheckConstraint(
                condition=models.Q(spent__isnull=True) | models.Q(spent__lte=models.F("budget")),
                name="projecten_election_spent_within_budget",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="projecten_election_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__gte=models.F("ideas_deadline")),
                name="projecten_election_opens_after_ideas_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(votes_per_voter__gte=1, votes_per_voter__lte=50),
                name="projecten_election_votes_per_voter_1_to_50",
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=ElectionMethod.values),
                name="projecten_election_method_valid",
            ),
            # Paper ballots are tallies per idea without approval sets: Equal Shares needs the sets.
            models.CheckConstraint(
                condition=~models.Q(method=ElectionMethod.EQUAL_SHARES, counts_paper=True),
                name="projecten_election_equal_shares_without_paper",
            ),
            models.CheckConstraint(
                condition=models.Q(funding_status__in=FundingStatus.values),
                name="projecten_election_funding_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(funding_status=FundingStatus.REFUSED)
                | ~models.Q(funding_reason=""),
                name="projecten_election_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.smederij} {self.year}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def is_open_at(self, moment) -> bool:
        return (
            self.ballot_fixed_at is not None
            and self.closed_at is None
            and self.opens_at <= moment < self.closes_at
        )

    @property
    def is_open(self) -> bool:
        return self.is_open_at(timezone.now())

    @property
    def is_counted(self) -> bool:
        return self.counted_at is not None

    @property
    def is_counting(self) -> bool:
        """Closed, and the count has been handed to the background task but is not stored
        yet (a round waiting for its paper tally is not counting)."""
        return (
            self.closed_at is not None
            and self.counted_at is None
            and self.funding_status == FundingStatus.PENDING
        )

    @property
    def is_recounting(self) -> bool:
        return self.recount_requested_at is not None and (
            self.recounted_at is None or self.recounted_at < self.recount_requested_at
        )

    @property
    def left(self):
        return None if self.spent is None else self.budget - self.spent

    @property
    def voters(self) -> int | None:
        if self.online_voters is None:
            return None
        return self.online_voters + (self.paper_voters or 0)


class ElectionIdea(models.Model):
    """A proposal on the ballot of a round. Held back: off the ballot, with the reason why."""

    election_round = models.ForeignKey(
        ElectionRound,
        verbose_name=_("election round"),
        on_delete=models.CASCADE,
        related_name="ideas",
    )
    proposal = models.ForeignKey(
        "projecten.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        related_name="election_ideas",
    )
    held_back_at = models.DateTimeField(_("held back at"), null=True, blank=True)
    held_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held back by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    held_back_reason = models.TextField(_("why it was held back"), blank=True)
    # The result, written once by the count.
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    funded = models.BooleanField(_("funded"), null=True, blank=True)
    outcome_reason = models.CharField(_("why"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("idea on the ballot")
        verbose_name_plural = _("ideas on the ballot")
        ordering = ["election_round", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "proposal"], name="projecten_idea_once_per_round"
            ),
            models.CheckConstraint(
                condition=models.Q(held_back_at__isnull=True) | ~models.Q(held_back_reason=""),
                name="projecten_idea_held_back_has_reason",
            ),
        ]

    def __str__(self):
        return str(self.proposal)

    @property
    def is_on_ballot(self) -> bool:
        return self.held_back_at is None


def new_receipt_code() -> str:
    """Ten characters without look-alikes (no 0/O, 1/I/L): easy to read out and compare."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Ballot(models.Model):
    """What one voter chose. A random id and no timestamps: nothing here says who or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election_round = models.ForeignKey(
        ElectionRound,
        verbose_name=_("election round"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        # Ordered by the random id: never in the order the ballots were cast.
        ordering = ["election_round", "id"]

    def __str__(self):
        return str(self.id)


class BallotChoice(models.Model):
    """One idea chosen on a ballot: at most one vote per idea, enforced by the database."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="choices"
    )
    idea = models.ForeignKey(
        ElectionIdea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="choices"
    )

    class Meta:
        verbose_name = _("choice on a ballot")
        verbose_name_plural = _("choices on ballots")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "idea"], name="projecten_one_vote_per_idea")
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.idea_id}"


class BallotVoter(models.Model):
    """That a resident voted in a round: one row per resident, enforced by the database.

    `ballot` links to the choice only while the window is open (to allow a
    change); the close sets it to NULL for good.
    """

    election_round = models.ForeignKey(
        ElectionRound,
        verbose_name=_("election round"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="election_participations",
    )
    ballot = models.OneToOneField(
        Ballot,
        verbose_name=_("ballot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    receipt_code = models.CharField(_("receipt code"), max_length=10, default=new_receipt_code)
    voted_at = models.DateTimeField(_("first voted at"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed at"), default=timezone.now)
    times_changed = models.PositiveSmallIntegerField(_("times changed"), default=0)

    class Meta:
        verbose_name = _("voter in an election")
        verbose_name_plural = _("voters in an election")
        ordering = ["election_round", "voted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "voter"], name="projecten_one_ballot_per_resident"
            )
        ]

    def __str__(self):
        return f"{self.voter} – {self.election_round}"


class PaperTallyEntry(models.Model):
    """One initiatiefgroep member's entry of the paper tally. Counts only when two members agree."""

    election_round = models.ForeignKey(
        ElectionRound,
        verbose_name=_("election round"),
        on_delete=models.CASCADE,
        related_name="paper_entries",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ballots_handed_in = models.PositiveIntegerField(_("paper ballots handed in"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("paper tally entry")
        verbose_name_plural = _("paper tally entries")
        ordering = ["election_round", "entered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "entered_by"], name="projecten_one_paper_entry_per_member"
            )
        ]

    def __str__(self):
        return f"{self.election_round} – {self.entered_by}"


class PaperTallyCount(models.Model):
    """The paper votes for one idea in one entry."""

    entry = models.ForeignKey(
        PaperTallyEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="counts"
    )
    idea = models.ForeignKey(
        ElectionIdea, verbose_name=_("idea"), on_delete=models.PROTECT, related_name="+"
    )
    votes = models.PositiveIntegerField(_("votes"))

    class Meta:
        verbose_name = _("paper votes of an idea")
        verbose_name_plural = _("paper votes of ideas")
        constraints = [
            models.UniqueConstraint(fields=["entry", "idea"], name="projecten_paper_count_once")
        ]

    def __str__(self):
        return f"{self.idea_id}: {self.votes}"
