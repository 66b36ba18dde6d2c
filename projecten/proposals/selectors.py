"""Reads of proposals that pages share; each filters in SQL as the predicates decide."""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from projecten.models import Comment, Proposal, ProposalEvent, Support
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


def count_of(queryset: QuerySet, *, field: str = "proposal") -> Coalesce:
    """The number of rows of `queryset` for the outer row (`field` points at it), as a subquery.

    A subquery per row, not a JOIN of both tables: joining supports and comments made
    supports × comments rows for one proposal (2.2 million for a popular one after twenty
    years) and counted every proposal of the history before the page took its twenty;
    a correlated subquery is evaluated for the rows shown only, on its index (issue 12).
    """
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def proposal_list(*, queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """What a list of proposals shows, in a fixed number of queries."""
    return queryset.select_related("smederij", "submitter", "group").annotate(
        support_count=count_of(Support.objects.all()),
        comment_count=count_of(Comment.objects.filter(hidden_at__isnull=True)),
    )


def proposal_detail(*, queryset: QuerySet[Proposal], user=None) -> QuerySet[Proposal]:
    """A proposal with everything its page shows, in a fixed number of queries.

    In the proposal's own query: the number of its comments, hidden ones included (the
    comments' pages are numbered without a count query of their own), and whether `user`
    supports it (`supported_by_user`).
    """
    queryset = proposal_list(queryset=queryset).annotate(
        comment_total=count_of(Comment.objects.all())
    )
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            supported_by_user=Exists(
                Support.objects.filter(proposal=OuterRef("pk"), user_id=user.pk)
            )
        )
    return queryset.prefetch_related(
        "budget_lines",
        "co_funding",
        "attachments",
        Prefetch("events", queryset=ProposalEvent.objects.select_related("actor")),
        # The comments come a page at a time (participation.selectors.comment_page).
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
