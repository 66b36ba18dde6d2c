"""Reads of the wijkteam's review: the queue, the counts per status, the advice on a proposal."""

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from budget.models import BudgetYear, BudgetYearStatus
from projecten.models import (
    Advice,
    AssessmentVote,
    DecisionMethod,
    DecisionMethodKind,
    ElectionRound,
    Proposal,
    ProposalStatus,
)
from projecten.proposals.selectors import count_of
from projecten.workflow import HIDDEN_FROM_THE_AREA, OPEN_FOR_ADVICE, can_move
from smederijen.models import Smederij, WijkteamMembership
from smederijen.selectors import smederijen_coordinated_by, smederijen_covered_by


def review_queue(user) -> QuerySet[Proposal]:
    """The handed-in proposals of the Smederijen `user`'s wijkteam(s) cover, oldest first.

    The SQL twin of `projecten.review_proposal`:
    nothing of another wijkteam. Annotated with the number of advices and
    whether `user` gave one, so that the list needs one query: both are subqueries, evaluated
    for the page's 25 rows only, not aggregated over every proposal of the history before
    the page takes them (issue 12).
    """
    if not user.is_authenticated:
        return Proposal.objects.none()
    return (
        _handed_in_for(user)
        .select_related("smederij", "submitter")
        .annotate(
            advice_count=count_of(Advice.objects.all()),
            advised_by_me=_advised_by(user),
        )
        .order_by("submitted_at", "pk")
    )


def _advised_by(user) -> Coalesce:
    """Whether `user` advised on the outer proposal, as a scalar subquery on the unique index
    of (proposal, professional). Not EXISTS: PostgreSQL may answer that one by hashing every
    advice the professional ever gave (24,000 after twenty years) before taking 25 rows."""
    mine = Advice.objects.filter(proposal=OuterRef("pk"), professional=user).values(
        flag=Value(True)
    )[:1]
    return Coalesce(Subquery(mine, output_field=BooleanField()), Value(False))


def _handed_in_for(user) -> QuerySet[Proposal]:
    return Proposal.objects.exclude(status__in=HIDDEN_FROM_THE_AREA).filter(
        smederij__in=smederijen_covered_by(user).values("pk")
    )


def review_status_counts(user) -> dict[str, int]:
    """How many proposals of the queue are in each status, in one grouped query.

    Grouped by status on the index of (smederij, status): an index-only scan
    of the covered Smederijen's entries, no visit of the proposals themselves.
    """
    if not user.is_authenticated:
        return {}
    counts = dict.fromkeys(
        (status for status in ProposalStatus.values if status not in HIDDEN_FROM_THE_AREA), 0
    )
    rows = _handed_in_for(user).order_by().values_list("status").annotate(n=Count("*"))
    for status, n in rows:
        counts[status] = n
    return counts


def waiting_days(proposal: Proposal, *, today: datetime.date | None = None) -> int | None:
    if proposal.submitted_at is None:
        return None
    today = today or timezone.localdate()
    return (today - timezone.localtime(proposal.submitted_at).date()).days


def advices_of(proposal: Proposal) -> list[Advice]:
    """The advices on a proposal with each professional's function and organisation (two queries).

    The function and organisation are those of the professional's membership of
    the wijkteam that covers the proposal's Smederij (they may work in several).
    """
    advices = list(
        Advice.objects.filter(proposal=proposal)
        .select_related("professional")
        .order_by("created_at", "pk")
    )
    if not advices:
        return advices
    memberships = {
        membership.user_id: membership
        for membership in WijkteamMembership.objects.filter(
            wijkteam_id=proposal.smederij.wijkteam_id,
            user_id__in=[advice.professional_id for advice in advices],
        ).select_related("organisation")
    }
    for advice in advices:
        advice.membership = memberships.get(advice.professional_id)
    return advices


def advice_count(proposal: Proposal) -> int:
    return Advice.objects.filter(proposal=proposal).count()


def decision_method_years(*, today: datetime.date | None = None) -> list[int]:
    """The years a method can be set for: the open budget years, and always the current year."""
    year = (today or timezone.localdate()).year
    open_years = set(
        BudgetYear.objects.filter(status=BudgetYearStatus.OPEN, year__gte=year).values_list(
            "year", flat=True
        )
    )
    return sorted(open_years | {year})


def decision_methods_for(user, *, years: list[int]) -> list[dict]:
    """The Smederijen `user` coordinates, each with its method per year (default assessment).

    Two queries whatever the number of Smederijen and years.
    """
    smederijen = list(smederijen_coordinated_by(user))
    methods = {
        (method.smederij_id, method.year): method
        for method in DecisionMethod.objects.filter(
            smederij__in=[s.pk for s in smederijen], year__in=years
        ).select_related("set_by")
    }
    rows = []
    for smederij in smederijen:
        cells = []
        for year in years:
            method = methods.get((smederij.pk, year))
            cells.append(
                {
                    "year": year,
                    "method": method.method if method else DecisionMethodKind.ASSESSMENT,
                    "label": (
                        method.get_method_display()
                        if method
                        else DecisionMethodKind.ASSESSMENT.label
                    ),
                    "record": method,
                    # Then the next step is to set up the election itself.
                    "by_election": bool(method) and method.method == DecisionMethodKind.ELECTION,
                }
            )
        rows.append({"smederij": smederij, "years": cells})
    return rows


@dataclass(frozen=True)
class ReviewPart:
    """The review part of a proposal page: the advice as far as the user may read it, and buttons."""

    can_view_advice: bool = False
    advices: list = field(default_factory=list)
    advice_count: int | None = None
    can_start_review: bool = False
    can_give_advice: bool = False
    has_advised: bool = False
    can_request_changes: bool = False

    @property
    def shown(self) -> bool:
        return bool(
            self.can_view_advice
            or self.advice_count
            or self.can_start_review
            or self.can_give_advice
            or self.can_request_changes
        )


def review_part(*, user, proposal: Proposal) -> ReviewPart:
    if not user.is_authenticated:
        # Visitors see nothing of the review.
        return ReviewPart()
    can_view_advice = user.has_perm("projecten.view_advice", proposal)
    reviews = user.has_perm("projecten.review_proposal", proposal)
    advices = advices_of(proposal) if can_view_advice else []
    if can_view_advice:
        count = len(advices)
    elif user.has_perm("projecten.view_advice_count", proposal):
        count = advice_count(proposal)
    else:
        count = None
    return ReviewPart(
        can_view_advice=can_view_advice,
        advices=advices,
        advice_count=count,
        can_start_review=reviews and can_move(proposal.status, "start_review"),
        can_give_advice=proposal.status in OPEN_FOR_ADVICE
        and user.has_perm("projecten.advise_proposal", proposal),
        has_advised=any(advice.professional_id == user.pk for advice in advices),
        can_request_changes=reviews and can_move(proposal.status, "request_changes"),
    )


def decision_method_of(*, smederij: Smederij, year: int) -> str:
    """The method of the Smederij in `year`; assessment when none was set."""
    method = (
        DecisionMethod.objects.filter(smederij=smederij, year=year)
        .values_list("method", flat=True)
        .first()
    )
    return method or DecisionMethodKind.ASSESSMENT


def decisions_started(*, smederij: Smederij, year: int) -> bool:
    """Has the Smederij started deciding on its proposals of `year`?

    Then its method may no longer change: the votes already cast would lose
    their meaning. Deciding has started once an assessment vote on one of its
    proposals of that year exists, or an election round of that year has
    received its first ballot (its rules are frozen then).
    """
    return (
        AssessmentVote.objects.filter(proposal__smederij=smederij, proposal__year=year).exists()
        or ElectionRound.objects.filter(
            smederij=smederij, year=year, frozen_at__isnull=False
        ).exists()
    )
