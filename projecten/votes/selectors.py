"""Reads of the assessment votes: who may vote, what the pages show, and for whom.

Eligibility is one SQL query (`vote_eligible_voters`), shared by the services
(casting, closing, reminders) and the permission (`projecten.cast_vote`), so
that the page, the count and the service never disagree about who may vote.
See docs/decisions/0008-votes.md.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from projecten.models import (
    Advice,
    AssessmentVote,
    DecisionMethodKind,
    Klap,
    ProposalStatus,
    VoteBody,
    VoteCast,
    VoteOutcome,
)
from projecten.proposals.selectors import count_of, proposals_visible_to
from projecten.review.selectors import decision_method_of
from projecten.workflow import BEFORE_REVIEW, READY_FOR_A_VOTE
from smederijen.models import GebiedsregisseurAssignment, GroupMembership, User


def vote_eligible_voters(vote: AssessmentVote) -> QuerySet[User]:
    """Who may vote: the body's members minus anyone with a conflict of interest.

    The body is the initiatiefgroep of the proposal's Smederij (korte klap) or
    the whole stuurgroep (lange klap). The submitter and the members of the
    group the proposal is made for are named on it, so they do not vote.
    """
    proposal = vote.proposal
    if vote.body == VoteBody.STUURGROEP:
        voters = User.objects.filter(stuurgroep_membership__isnull=False)
    else:
        voters = User.objects.filter(initiatiefgroep_memberships__smederij_id=proposal.smederij_id)
    voters = voters.filter(is_active=True).exclude(pk=proposal.submitter_id)
    if proposal.group_id is not None:
        voters = voters.exclude(
            pk__in=GroupMembership.objects.filter(group_id=proposal.group_id).values("user")
        )
    return voters.distinct()


def vote_is_eligible(*, vote: AssessmentVote, user) -> bool:
    return user.is_authenticated and vote_eligible_voters(vote).filter(pk=user.pk).exists()


def vote_voters_missing(vote: AssessmentVote) -> QuerySet[User]:
    """The eligible voters who have not voted yet (for the reminder and the early close)."""
    return vote_eligible_voters(vote).exclude(
        pk__in=VoteCast.objects.filter(vote=vote).values("voter")
    )


def vote_counts(vote: AssessmentVote) -> dict[str, int]:
    """The choices of the eligible voters, counted in one query."""
    eligible = vote_eligible_voters(vote).values("pk")
    return vote.casts.filter(voter__in=eligible).aggregate(
        votes_for=Count("pk", filter=Q(choice="for")),
        votes_against=Count("pk", filter=Q(choice="against")),
        votes_abstain=Count("pk", filter=Q(choice="abstain")),
    )


def _with_turnout(queryset: QuerySet[AssessmentVote], user) -> QuerySet[AssessmentVote]:
    # The casts counted by a subquery for the rows shown, not joined and grouped over every
    # vote since 2007 (issue 12).
    return queryset.select_related("proposal__smederij").annotate(
        cast_count=count_of(VoteCast.objects.all(), field="vote"),
        has_voted=Exists(VoteCast.objects.filter(vote=OuterRef("pk"), voter_id=user.pk)),
    )


def votes_open_for(user) -> QuerySet[AssessmentVote]:
    """The open votes `user` may cast a vote in, soonest closing first (the SQL twin of
    `vote_eligible_voters`, from the voter's side)."""
    if not user.is_authenticated or not user.is_active:
        return AssessmentVote.objects.none()
    body = Q(
        body=VoteBody.INITIATIEFGROEP,
        proposal__smederij__in=user.initiatiefgroep_memberships.values("smederij"),
    )
    if hasattr(user, "stuurgroep_membership"):
        body |= Q(body=VoteBody.STUURGROEP)
    votes = (
        AssessmentVote.objects.filter(body, closed_at__isnull=True)
        .exclude(proposal__submitter=user)
        .exclude(
            proposal__group__in=GroupMembership.objects.filter(user=user).values("group"),
        )
    )
    return _with_turnout(votes, user).order_by("closes_at", "pk")


def votes_coordinated_by(user) -> QuerySet[AssessmentVote]:
    """For a gebiedsregisseur: the open votes of their Smederijen, and the closed ones whose
    proposal still waits for the decision."""
    if not user.is_authenticated:
        return AssessmentVote.objects.none()
    wijkteams = GebiedsregisseurAssignment.objects.filter(user=user).values("wijkteam")
    smederijen = Q(proposal__smederij__wijkteam__in=wijkteams)
    # Not one OR over the votes and their proposals (which reads every vote since 2007):
    # the union of two small sets, each on its own index — the open votes (the partial
    # unique index of open votes) and the votes of the proposals still being decided (the
    # index of (smederij, status) on proposals).
    open_votes = AssessmentVote.objects.filter(smederijen, closed_at__isnull=True)
    waiting = AssessmentVote.objects.filter(smederijen, proposal__status=ProposalStatus.DECIDING)
    ids = open_votes.order_by().values("pk").union(waiting.order_by().values("pk"))
    votes = AssessmentVote.objects.filter(pk__in=ids)
    return _with_turnout(votes, user).order_by("closes_at", "pk")


def vote_detail(*, user, pk: int) -> AssessmentVote:
    """A vote of a proposal `user` may see, with what its page shows, in a fixed number of
    queries. Raises AssessmentVote.DoesNotExist otherwise."""
    return (
        AssessmentVote.objects.select_related(
            "proposal__smederij", "proposal__submitter", "proposal__group", "opened_by"
        )
        .prefetch_related(
            "proposal__budget_lines",
            "proposal__co_funding",
            Prefetch(
                "proposal__advices",
                queryset=Advice.objects.select_related("professional").order_by("created_at"),
            ),
        )
        .annotate(cast_count=Count("casts", distinct=True))
        .get(pk=pk, proposal__in=proposals_visible_to(user))
    )


def vote_casts(vote: AssessmentVote) -> list[VoteCast]:
    """Who voted what: for the deciders only (`projecten.view_vote_choices`)."""
    return list(vote.casts.select_related("voter").order_by("voter__display_name", "pk"))


def vote_cast_of(*, vote: AssessmentVote, user) -> VoteCast | None:
    if not user.is_authenticated:
        return None
    return vote.casts.filter(voter=user).first()


def votes_of_proposal(proposal) -> list[AssessmentVote]:
    """Every vote on a proposal, newest first, for its page (one query)."""
    return list(
        AssessmentVote.objects.filter(proposal=proposal)
        .annotate(cast_count=Count("casts", distinct=True))
        .order_by("-opened_at", "-pk")
    )


def vote_open_refusal(proposal, votes: list | None = None) -> tuple[str, str] | None:
    """Why no vote can be opened on `proposal` now, as (code, message); None when one can.

    The one place of this rule: the proposal page asks it beside `projecten.open_vote` (so
    the button shows only when the service would accept), and `vote_open` raises its message.
    A first vote opens in review; a new round while deciding only after a vote without
    quorum; never while another is open; korte klap only where the Smederij decides by
    assessment that year (an election decides otherwise), lange klap always.
    """
    if proposal.status not in READY_FOR_A_VOTE:
        return "not_ready", _("A vote opens once the wijkteam has reviewed the proposal.")
    if votes is None:  # newest first, as `votes_of_proposal` gives them
        votes = list(AssessmentVote.objects.filter(proposal=proposal).order_by("-opened_at", "-pk"))
    if any(vote.closed_at is None for vote in votes):
        return "already_open", _("This proposal already has an open vote.")
    if proposal.status == ProposalStatus.DECIDING and (
        not votes or votes[0].outcome != VoteOutcome.NO_QUORUM
    ):
        return "decided_by_vote", _(
            "A new vote opens only after a vote without quorum; decide on the proposal instead."
        )
    if (
        proposal.klap == Klap.KORTE
        and decision_method_of(smederij=proposal.smederij, year=proposal.year)
        == DecisionMethodKind.ELECTION
    ):
        return "election", _(
            "Smederij %(smederij)s decides on its korte klap proposals of %(year)s by "
            "election: the initiatiefgroep does not vote on one proposal."
        ) % {"smederij": proposal.smederij.name, "year": proposal.year}
    return None


@dataclass(frozen=True)
class VotePart:
    """The vote part of a proposal page: its votes (each with `can_view`) and the open button."""

    votes: list = field(default_factory=list)
    can_open: bool = False


def vote_part(*, user, proposal) -> VotePart:
    """A fixed number of queries, however many rounds: the votes, and one check each for
    coordinator and body membership. The counts of a closed vote are public (like the rest
    of the proposal page); who voted what is on the vote page, for the deciders only."""
    # Before the review there is nothing to vote on yet: no query.
    if proposal.status in BEFORE_REVIEW:
        return VotePart()
    votes = votes_of_proposal(proposal)
    member_of: dict[str, bool] = {}
    for vote in votes:
        vote.proposal = proposal
        if vote.body not in member_of:
            member_of[vote.body] = user.has_perm("projecten.view_vote", vote)
        vote.can_view = member_of[vote.body]
    can_open = (
        user.has_perm("projecten.open_vote", proposal)
        and vote_open_refusal(proposal, votes) is None
    )
    return VotePart(votes=votes, can_open=can_open)
