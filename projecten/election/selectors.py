"""Reads of the Smederij election that pages share, each in a fixed number of queries.

No selector returns a count of votes before the round is counted: the result
fields are empty until then, and `round_result` refuses an uncounted round.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from projecten.election.services import ballot_seed, online_ballots, outcome_reason_text
from projecten.models import (
    Attachment,
    AttachmentKind,
    BallotChoice,
    BallotVoter,
    ElectionIdea,
    ElectionRound,
)


def rounds_of(smederij) -> QuerySet[ElectionRound]:
    return ElectionRound.objects.filter(smederij=smederij).select_related("smederij")


def open_round_of(smederij, *, now=None) -> ElectionRound | None:
    """The round of `smederij` open for voting now, if any (one query, indexed by Smederij)."""
    now = now or timezone.now()
    return (
        ElectionRound.objects.filter(
            smederij=smederij,
            ballot_fixed_at__isnull=False,
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .select_related("smederij")
        .order_by("closes_at")
        .first()
    )


def round_detail(pk: int) -> ElectionRound:
    return ElectionRound.objects.select_related("smederij", "smederij__area").get(pk=pk)


def _public_photos() -> Prefetch:
    return Prefetch(
        "proposal__attachments",
        queryset=Attachment.objects.filter(
            kind=AttachmentKind.PHOTO, publish_consent=True, accounting__isnull=True
        ).order_by("uploaded_at", "pk"),
        to_attr="public_photos",
    )


def ideas_on_ballot(election_round: ElectionRound) -> QuerySet[ElectionIdea]:
    return (
        election_round.ideas.filter(held_back_at__isnull=True)
        .select_related("proposal")
        .prefetch_related(_public_photos())
        .order_by("pk")
    )


def all_ideas(election_round: ElectionRound) -> QuerySet[ElectionIdea]:
    """On the ballot and held back (for the initiatiefgroep's page), in three queries."""
    return (
        election_round.ideas.select_related("proposal", "proposal__submitter", "held_back_by")
        .prefetch_related(_public_photos())
        .order_by("held_back_at", "pk")
    )


def ballot_ideas(election_round: ElectionRound, voter) -> list[ElectionIdea]:
    """The ideas in this voter's own random order: the same on every reload, another for
    every voter, so that no idea gains by standing first."""
    ideas = list(ideas_on_ballot(election_round))
    # Not for secrecy: a fair, reproducible order (the seed itself is keyed).
    random.Random(ballot_seed(election_round, voter)).shuffle(ideas)  # noqa: S311  # nosec B311
    for idea in ideas:
        idea.photo = idea.proposal.public_photos[0] if idea.proposal.public_photos else None
    return ideas


def participation_of(election_round: ElectionRound, voter) -> BallotVoter | None:
    if not voter.is_authenticated:
        return None
    return BallotVoter.objects.filter(election_round=election_round, voter=voter).first()


def own_choice(participation: BallotVoter | None) -> list[int]:
    """The voter's own current choice, to change it; only while the link exists (window open)."""
    if participation is None or participation.ballot_id is None:
        return []
    return list(
        BallotChoice.objects.filter(ballot_id=participation.ballot_id).values_list(
            "idea_id", flat=True
        )
    )


@dataclass(frozen=True)
class ResultRow:
    idea: ElectionIdea
    votes: int
    funded: bool
    reason: str
    cost: Decimal


@dataclass(frozen=True)
class RoundResult:
    election_round: ElectionRound
    rows: list[ResultRow]
    held_back: list[ElectionIdea]
    spent: Decimal
    left: Decimal
    voters: int
    inhabitants: int | None

    @property
    def turnout(self) -> Decimal | None:
        if not self.inhabitants:
            return None
        return (Decimal(self.voters) * 100 / Decimal(self.inhabitants)).quantize(Decimal("0.1"))


def round_result(election_round: ElectionRound) -> RoundResult:
    """The stored result of a counted round, in two queries."""
    if election_round.counted_at is None:
        raise ElectionRound.DoesNotExist("not counted yet")
    ideas = list(
        election_round.ideas.select_related("proposal").order_by("rank", "held_back_at", "pk")
    )
    rows = [
        ResultRow(
            idea=idea,
            votes=idea.votes or 0,
            funded=bool(idea.funded),
            reason=outcome_reason_text(idea.outcome_reason),
            cost=idea.proposal.amount_requested,
        )
        for idea in ideas
        if idea.held_back_at is None
    ]
    return RoundResult(
        election_round=election_round,
        rows=rows,
        held_back=[idea for idea in ideas if idea.held_back_at is not None],
        spent=election_round.spent,
        left=election_round.left,
        voters=election_round.voters or 0,
        inhabitants=election_round.inhabitants,
    )


def anonymous_ballots(election_round: ElectionRound) -> list[frozenset[int]]:
    """The online ballots as sets of proposal ids; only after the count (the views check)."""
    return online_ballots(election_round)
