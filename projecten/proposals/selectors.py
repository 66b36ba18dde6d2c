"""Reads of proposals that pages share; each filters in SQL as the predicates decide."""

from django.db.models import Count, Prefetch, Q, QuerySet

from projecten.models import Comment, Proposal, ProposalEvent
from projecten.workflow import FUNDED_STATUSES, HIDDEN_FROM_THE_AREA
from smederijen.models import (
    GebiedsregisseurAssignment,
    InitiatiefgroepMembership,
    WijkteamMembership,
)


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """Every proposal `user` may open: the SQL twin of `projecten.view_proposal`."""
    visible = Q(status__in=FUNDED_STATUSES)
    if user.is_authenticated:
        if hasattr(user, "stuurgroep_membership"):
            area = Q()
        else:
            # `lives_there`: the home area counts once the address is confirmed.
            home = (
                Q(smederij__area_id=user.home_area_id)
                if user.email_verified_at is not None
                else Q(pk__in=[])
            )
            area = (
                home
                | Q(
                    smederij__in=InitiatiefgroepMembership.objects.filter(user=user).values(
                        "smederij"
                    )
                )
                | Q(
                    smederij__wijkteam__in=WijkteamMembership.objects.filter(user=user).values(
                        "wijkteam"
                    )
                )
                | Q(
                    smederij__wijkteam__in=GebiedsregisseurAssignment.objects.filter(
                        user=user
                    ).values("wijkteam")
                )
            )
        visible |= Q(submitter=user) | (~Q(status__in=HIDDEN_FROM_THE_AREA) & area)
    return Proposal.objects.filter(visible)


def proposal_list(*, queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """What a list of proposals shows, in a fixed number of queries."""
    return queryset.select_related("smederij", "submitter", "group").annotate(
        support_count=Count("supports", distinct=True),
        comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True), distinct=True),
    )


def proposal_detail(*, queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """A proposal with everything its page shows, in a fixed number of queries."""
    return proposal_list(queryset=queryset).prefetch_related(
        "budget_lines",
        "co_funding",
        "attachments",
        Prefetch("events", queryset=ProposalEvent.objects.select_related("actor")),
        Prefetch("comments", queryset=Comment.objects.select_related("author", "hidden_by")),
    )


def proposals_of_submitter(user) -> QuerySet[Proposal]:
    return proposal_list(queryset=Proposal.objects.filter(submitter=user)).order_by("-updated_at")


def smederij_proposals(*, user, smederij) -> QuerySet[Proposal]:
    """The proposals handed in to a Smederij that `user` may open, newest first.

    The caller checks `projecten.view_smederij_proposals` first; this narrows
    `proposals_visible_to` anyway, so the list can never show more than the pages.
    """
    return proposal_list(queryset=_handed_in_to(user=user, smederij=smederij)).order_by(
        "-submitted_at", "-pk"
    )


def smederij_proposal_years(*, user, smederij) -> list[int]:
    """The budget years of the Smederij's proposals that `user` sees, newest first (one query)."""
    years = _handed_in_to(user=user, smederij=smederij).order_by("-year")
    return list(years.values_list("year", flat=True).distinct())


def _handed_in_to(*, user, smederij) -> QuerySet[Proposal]:
    return proposals_visible_to(user).submitted().filter(smederij=smederij)


def group_proposals(*, group, user) -> list[Proposal]:
    """The proposals of a group that `user` may open, newest first, for the group's page."""
    return list(
        proposal_list(queryset=proposals_visible_to(user).filter(group=group)).order_by(
            "-created_at"
        )
    )
