"""Proposals of residents: what they ask, what it costs and who else pays.

The status field holds the lifecycle of DESIGN.md; the moves between statuses
(the workflow, with who may make them) are `projecten/workflow.py` and the
services, in a later step. Nothing here changes a status by itself.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Klap is the budget's (the budget never imports projecten); re-exported here for projecten.
from budget.models import Klap
from budget.money import ZERO, MoneyField, non_negative, positive
from smederijen.models import DecidableRequest


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


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    DECIDING = "deciding", _("being decided")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    DEFERRED = "deferred", _("deferred to next year")
    IN_PROGRESS = "in_progress", _("in progress")
    ACCOUNTED = "accounted", _("accounted for")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Statuses in which the money has been granted (the proposal counts as funded).
FUNDED_STATUSES = (
    ProposalStatus.APPROVED,
    ProposalStatus.IN_PROGRESS,
    ProposalStatus.ACCOUNTED,
    ProposalStatus.COMPLETED,
)


class ProposalQuerySet(models.QuerySet):
    def submitted(self):
        """Everything residents have handed in: not drafts, not withdrawn."""
        return self.exclude(status__in=[ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN])

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
        indexes = [models.Index(fields=["smederij", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projecten:proposal-detail", kwargs={"pk": self.pk})

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


def attachment_upload_to(instance, filename: str) -> str:
    """A random name: the uploader's file name is never part of the path (privacy, collisions)."""
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[
        instance.content_type
    ]
    return f"projecten/{uuid.uuid4().hex}.{extension}"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    QUOTE = "quote", _("quote")
    SIGNATURES = "signatures", _("signature list")
    RECEIPT = "receipt", _("receipt")
    OTHER = "other", _("other document")


class Attachment(models.Model):
    """A file of a proposal or its verantwoording. Served only through a view that checks access."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AttachmentKind.choices)
    budget_line = models.ForeignKey(
        BudgetLine,
        verbose_name=_("budget line"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
    )
    accounting = models.ForeignKey(
        "Accounting",
        verbose_name=_("verantwoording"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to)
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    publish_consent = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The people in the photo agree that it is shown on the public pages."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["proposal", "uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="projecten_attachment_allowed_type",
            ),
            models.CheckConstraint(
                condition=models.Q(size__lte=10 * 1024 * 1024), name="projecten_attachment_max_10mb"
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


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
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self):
        return f"{self.proposal}: {self.get_kind_display()}"


class Comment(models.Model):
    """A resident's comment on a proposal.

    The gebiedsregisseur can hide one, with a reason; it is never deleted.
    """

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["proposal", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(hidden_at__isnull=True, hidden_by__isnull=True, hidden_reason="")
                    | (
                        models.Q(hidden_at__isnull=False, hidden_by__isnull=False)
                        & ~models.Q(hidden_reason="")
                    )
                ),
                name="projecten_comment_hidden_with_reason",
            )
        ]

    def __str__(self):
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Support(models.Model):
    """A resident supports a proposal of their own Smederij: draagvlak, one per resident."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="projecten_one_support_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


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
    accounting_due = models.DateField(_("verantwoording due"), null=True, blank=True)
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


from .election_models import *  # noqa: E402,F403
