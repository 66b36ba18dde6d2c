"""Proposals of residents: what they ask, what it costs and who else pays.

The status field holds the lifecycle of DESIGN.md; the moves between statuses
(the workflow, with who may make them) are `projecten/workflow.py` and the
services. Nothing here changes a status by itself.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Klap is the budget's (the budget never imports projecten); re-exported here for projecten.
from budget.models import Klap
from budget.money import ZERO, MoneyField, positive

from ..workflow import AWAITING_REVIEW, FUNDED_STATUSES, HIDDEN_FROM_THE_AREA, ProposalStatus

# The verantwoording is due four weeks after the planned end of the project (DESIGN.md).
ACCOUNTING_PERIOD = datetime.timedelta(weeks=4)


def current_year() -> int:
    return timezone.localdate().year


class Theme(models.TextChoices):
    ONTMOETING = "ontmoeting", _("meeting each other")
    EENZAAMHEID = "eenzaamheid", _("loneliness")
    JEUGD = "jeugd", _("youth")
    OUDEREN = "ouderen", _("elderly")
    SPELEN_SPORT = "spelen_sport", _("play and sport")
    GROEN = "groen", _("green")
    VEILIGHEID = "veiligheid", _("safety")
    WERK = "werk", _("work")
    TAAL = "taal", _("language")
    ANDERS = "anders", _("other")


class ProposalQuerySet(models.QuerySet):
    def submitted(self):
        """Everything residents have handed in: not drafts, not withdrawn."""
        return self.exclude(status__in=HIDDEN_FROM_THE_AREA)

    def funded(self):
        return self.filter(status__in=FUNDED_STATUSES)

    def korte_klap(self):
        return self.filter(klap=Klap.KORTE)

    def lange_klap(self):
        return self.filter(klap=Klap.LANGE)


class Proposal(models.Model):
    """An idea of residents for their Smederij, korte or lange klap."""

    smederij = models.ForeignKey(
        "smederijen.Smederij",
        verbose_name=_("Smederij"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitter"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    group = models.ForeignKey(
        "smederijen.Group",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    klap = models.CharField(_("klap"), max_length=5, choices=Klap.choices)
    year = models.PositiveSmallIntegerField(
        _("budget year"),
        default=current_year,
        help_text=_("The year whose budget the proposal asks money from."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("short summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    social_side = models.TextField(_("social side"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    location = models.CharField(_("location in the area"), max_length=200, blank=True)
    changes_public_space = models.BooleanField(_("changes public space"), default=False)
    start_date = models.DateField(_("planned start"), null=True, blank=True)
    end_date = models.DateField(_("planned end"), null=True, blank=True)
    eigen_inzet = models.TextField(_("own effort"), blank=True)
    draagvlak = models.TextField(_("support in the area"), blank=True)
    amount_requested = MoneyField(_("amount asked from the Smederij"), null=True, blank=True)
    # Lange klap only.
    goal = models.TextField(_("goal"), blank=True)
    duration = models.CharField(_("duration"), max_length=100, blank=True)
    partners = models.TextField(_("partners involved"), blank=True)
    success_measure = models.TextField(_("how success will be seen"), blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # Set once by the daily reminder task, so that the initiators hear it one time only.
    accounting_reminder_sent_at = models.DateTimeField(
        _("verantwoording reminder sent at"), null=True, blank=True
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(klap__in=Klap.values), name="projecten_proposal_klap_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100),
                name="projecten_proposal_sane_year",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProposalStatus.values),
                name="projecten_proposal_status_valid",
            ),
            positive("amount_requested", "projecten_proposal_amount_requested_positive"),
            models.CheckConstraint(
                condition=(
                    models.Q(start_date__isnull=True)
                    | models.Q(end_date__isnull=True)
                    | models.Q(end_date__gte=models.F("start_date"))
                ),
                name="projecten_proposal_dates_in_order",
                violation_error_message=_("The end date cannot lie before the start date."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=ProposalStatus.DRAFT) | models.Q(submitted_at__isnull=False)
                ),
                name="projecten_proposal_submitted_has_moment",
            ),
        ]
        # The indexes the pages need after twenty years (issue 12, docs/performance.md); the
        # trigram indexes of the admin's search are PostgreSQL only (migration 0014).
        indexes = [
            # The default ordering, newest first (the admin's changelist; backwards).
            models.Index(fields=["created_at", "id"], name="projecten_proposal_created"),
            # The same within one budget year (the admin's year filter).
            models.Index(fields=["year", "created_at", "id"], name="projecten_proposal_year"),
            # The review queue's counts per status, the funded projects of a year and the
            # years of a Smederij's funded projects: index-only scans of one Smederij.
            models.Index(
                fields=["smederij", "status", "year"], name="projecten_proposal_smederij_st"
            ),
            # A Smederij's proposals and the review queue with all statuses, in the order
            # they were handed in.
            models.Index(fields=["submitted_at", "id"], name="projecten_proposal_submitted"),
            # The review queue's default: the few proposals waiting for the wijkteam, oldest
            # first. Without it the planner walks the one above from 2007 on, past 90,000
            # proposals decided long ago, to find the 25 that wait (issue 12).
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status__in=sorted(AWAITING_REVIEW)),
                name="projecten_proposal_waiting",
            ),
            # The dashboard reads a year at a time over every Smederij (decision 0033).
            models.Index(fields=["year", "smederij", "status"], name="projecten_proposal_year_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projecten:proposal-detail", kwargs={"pk": self.pk})

    @property
    def accounting_due(self) -> datetime.date | None:
        """The last day to file the verantwoording, the one source of that date: the
        approval, the election's funding, the letter, the reminder and the late list read it."""
        if self.end_date is None:
            return None
        return self.end_date + ACCOUNTING_PERIOD

    @property
    def budget_total(self):
        """The sum of the budget lines; with prefetched lines no query is made."""
        return sum((line.amount for line in self.budget_lines.all()), ZERO)

    @property
    def co_funding_total(self):
        return sum((source.amount for source in self.co_funding.all()), ZERO)


class BudgetLine(models.Model):
    """One line of a proposal's budget: what, and how much."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    description = models.CharField(_("what"), max_length=200)
    amount = MoneyField(_("amount"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["proposal", "position", "pk"]
        constraints = [positive("amount", "projecten_budgetline_amount_positive")]

    def __str__(self):
        return self.description


class CoFundingKind(models.TextChoices):
    SPONSOR = "sponsor", _("sponsor")
    FONDS = "fonds", _("fund")
    HOUSING = "woningcorporatie", _("housing corporation")
    PARTNER = "partner", _("partner")
    OWN = "eigen_bijdrage", _("own contribution")


class CoFundingStatus(models.TextChoices):
    ASKED = "asked", _("asked")
    PROMISED = "promised", _("promised")
    RECEIVED = "received", _("received")


class CoFunding(models.Model):
    """Money for a proposal from elsewhere than the Smederij."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="co_funding"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CoFundingKind.choices)
    source = models.CharField(_("from whom"), max_length=200)
    amount = MoneyField(_("amount"))
    status = models.CharField(
        _("status"), max_length=10, choices=CoFundingStatus.choices, default=CoFundingStatus.ASKED
    )

    class Meta:
        verbose_name = _("co-funding")
        verbose_name_plural = _("co-funding")
        ordering = ["proposal", "pk"]
        constraints = [
            positive("amount", "projecten_cofunding_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(kind__in=CoFundingKind.values),
                name="projecten_cofunding_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CoFundingStatus.values),
                name="projecten_cofunding_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.source} ({self.get_kind_display()})"


class EventKind(models.TextChoices):
    CREATED = "created", _("created")
    STATUS = "status", _("status changed")
    EDITED = "edited", _("edited")
    COMMENT_HIDDEN = "comment_hidden", _("comment hidden")
    ACCOUNTING = "accounting", _("verantwoording")
    ADVICE = "advice", _("advice")
    VOTE = "vote", _("vote")
    DECISION = "decision", _("decision")
    MONEY = "money", _("money")
    NOTE = "note", _("note")


class ProposalEvent(models.Model):
    """One step in the life of a proposal: who, when, what and why. Append-only: the timeline."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system did it (a deadline, a count)."),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=ProposalStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=ProposalStatus.choices, blank=True
    )
    # What happened, as a code and plain values (amounts as decimal strings, names, counts):
    # the sentence is written at display time in the reader's language (projecten/common/
    # timeline.py), never stored in the language of whoever acted. Empty on rows from before.
    what = models.CharField(_("what"), max_length=40, blank=True)
    data = models.JSONField(_("values"), default=dict, blank=True)
    # Only what a person typed (a reason, a motivation), kept as typed; rows from before the
    # codes keep their stored sentence here and show it as stored.
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self):
        return f"{self.proposal}: {self.get_kind_display()}"

    @property
    def text(self) -> str:
        """The sentence for this event in the active language ("" when it has none)."""
        from projecten.common.timeline import describe

        return describe(self.what, self.data)
