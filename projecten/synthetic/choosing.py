"""How each Smederij chose, per year: a Smederij election with ballots, or the
initiatiefgroep's assessment vote with its casts."""

import datetime
import uuid
from decimal import Decimal

from django.utils import timezone

from projecten.common import timeline
from projecten.election import counting
from projecten.models import (
    AssessmentVote,
    Ballot,
    BallotChoice,
    BallotVoter,
    DecisionMethod,
    DecisionMethodKind,
    ElectionIdea,
    ElectionMethod,
    ElectionRound,
    EventKind,
    FundingStatus,
    Klap,
    VoteBody,
    VoteCast,
    VoteChoice,
    VoteOutcome,
)
from projecten.workflow import ProposalStatus as S

from .proposals import coded_events_write
from .years import AMSTERDAM

RECEIPT = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class Round:
    def __init__(self, pk, smederij, year, budget, ideas):
        self.pk, self.smederij, self.year, self.budget, self.ideas = (
            pk,
            smederij,
            year,
            budget,
            ideas,
        )
        self.deadline = datetime.datetime(year, 5, 1, 12, tzinfo=AMSTERDAM)
        self.opens = datetime.datetime(year, 5, 15, 9, tzinfo=AMSTERDAM)
        self.closes = datetime.datetime(year, 6, 1, 21, tzinfo=AMSTERDAM)
        self.ballots: list[tuple[uuid.UUID, int]] = []  # ballot id, voter
        self.choices: list[tuple[uuid.UUID, int]] = []  # ballot id, idea id
        self.outcomes: dict[int, tuple] = {}  # plan id -> votes, rank, funded, reason


def methods_choose(rng, *, smederijen, years, current) -> dict[tuple[int, int], str]:
    """A third of the Smederijen held an election in a past year; the current year assesses
    (its rounds would still be open, and the history is about what was decided)."""
    return {
        (year, s.pk): (
            DecisionMethodKind.ELECTION
            if year < current and rng.random() < 0.34
            else DecisionMethodKind.ASSESSMENT
        )
        for year in years
        for s in smederijen
    }


def elections_decide(rng, writer, plans, *, methods, shares, people, choices_total) -> list[Round]:
    """Count each round's ballots and fund its ideas from the most votes down while the
    round's budget (the Smederij's share) lasts; marks the plans it funded."""
    by_key: dict[tuple[int, int], list] = {}
    for plan in plans:
        if plan.klap == Klap.KORTE and plan.status == "decided":
            by_key.setdefault((plan.year, plan.smederij.pk), []).append(plan)
    keys = [
        k
        for k, m in methods.items()
        if m == DecisionMethodKind.ELECTION and len(by_key.get(k, ())) >= 2
    ]
    for k in methods:
        if methods[k] == DecisionMethodKind.ELECTION and k not in keys:
            methods[k] = DecisionMethodKind.ASSESSMENT
    rounds = []
    wanted = choices_total
    ids = iter(writer.ids(ElectionRound, len(keys)))
    for done, (year, smederij_id) in enumerate(keys):
        # What a round with few ideas or voters could not take, the next rounds take.
        per_round = -(-wanted // (len(keys) - done))
        ideas = by_key[(year, smederij_id)]
        smederij = ideas[0].smederij
        r = Round(next(ids), smederij, year, shares[(year, smederij_id)], ideas)
        for plan in ideas:  # handed in before the ideas deadline
            plan.created_at = (
                datetime.datetime(year, 1, 2, 9, tzinfo=AMSTERDAM)
                + (r.deadline - datetime.datetime(year, 1, 3, tzinfo=AMSTERDAM)) * rng.random()
            )
        popularity = [rng.paretovariate(1.5) for _ in ideas]
        residents = people.residents[smederij_id]
        voters = rng.sample(residents, min(len(residents), max(1, per_round)))
        made = 0
        votes = {p.id: 0 for p in ideas}
        for voter in voters:
            if made >= per_round:
                break
            # Most voters use most of their five votes.
            k = max(1, min(5, len(ideas)) - rng.choice((0, 0, 1, 2)))
            chosen = set()
            while len(chosen) < k:
                chosen.add(rng.choices(range(len(ideas)), popularity)[0])
            ballot = uuid.UUID(int=rng.getrandbits(128), version=4)
            r.ballots.append((ballot, voter))
            for index in sorted(chosen):
                r.choices.append((ballot, ideas[index].id))
                votes[ideas[index].id] += 1
            made += k
        wanted -= made
        left, skipped = r.budget, False
        ranked = sorted(ideas, key=lambda p: (-votes[p.id], p.id))
        for rank, plan in enumerate(ranked, start=1):
            if votes[plan.id] == 0:
                reason, funded = counting.NO_VOTES, False
            elif plan.amount <= left:
                left -= plan.amount
                reason, funded = (
                    (counting.FUNDED_FROM_THE_TOP if skipped else counting.FUNDED),
                    True,
                )
            else:
                reason, funded, skipped = counting.DOES_NOT_FIT, False, True
            plan.funded = funded
            plan.counted_at = r.closes + datetime.timedelta(minutes=5)
            plan.election = {"votes": votes[plan.id], "reason": reason}
            r.outcomes[plan.id] = (votes[plan.id], rank, funded, reason)
        r.spent = r.budget - left
        rounds.append(r)
    return rounds


def elections_write(writer, rng, rounds, *, people) -> None:
    round_rows, idea_rows, ballot_rows, choice_rows, voter_rows = [], [], [], [], []
    for r in rounds:
        regisseur = people.regisseurs[r.smederij.wijkteam_id]
        counted = r.closes + datetime.timedelta(minutes=5)
        round_rows.append(
            (
                r.pk,
                r.smederij.pk,
                r.year,
                r.budget,
                r.deadline,
                r.opens,
                r.closes,
                5,
                16,
                False,
                ElectionMethod.FROM_THE_TOP,
                regisseur,
                r.deadline - datetime.timedelta(days=60),
                r.deadline,
                r.opens,
                r.closes,
                counted,
                len(r.ballots),
                0,
                r.smederij.area.inhabitants or 0,
                r.spent,
                FundingStatus.FUNDED,
                "",
            )
        )
        idea_ids = {}
        for pk, plan in zip(writer.ids(ElectionIdea, len(r.ideas)), r.ideas, strict=True):
            idea_ids[plan.id] = pk
            votes, rank, funded, reason = r.outcomes[plan.id]
            idea_rows.append((pk, r.pk, plan.id, votes, rank, funded, reason, ""))
        for ballot, voter in r.ballots:
            ballot_rows.append((ballot, r.pk))
            at = r.opens + (r.closes - r.opens) * rng.random()
            receipt = "".join(rng.choice(RECEIPT) for _ in range(10))
            voter_rows.append((r.pk, voter, None, receipt, at, at, 0))
        choice_rows.extend((ballot, idea_ids[plan_id]) for ballot, plan_id in r.choices)
    writer.write(
        ElectionRound,
        [
            "id",
            "smederij_id",
            "year",
            "budget",
            "ideas_deadline",
            "opens_at",
            "closes_at",
            "votes_per_voter",
            "minimum_age",
            "counts_paper",
            "method",
            "created_by_id",
            "created_at",
            "ballot_fixed_at",
            "frozen_at",
            "closed_at",
            "counted_at",
            "online_voters",
            "paper_voters",
            "inhabitants",
            "spent",
            "funding_status",
            "funding_reason",
        ],
        round_rows,
    )
    writer.write(
        ElectionIdea,
        [
            "id",
            "election_round_id",
            "proposal_id",
            "votes",
            "rank",
            "funded",
            "outcome_reason",
            "held_back_reason",
        ],
        idea_rows,
    )
    writer.write(Ballot, ["id", "election_round_id"], ballot_rows)
    for start in range(0, len(choice_rows), 200_000):
        part = choice_rows[start : start + 200_000]
        writer.write(
            BallotChoice,
            ["id", "ballot_id", "idea_id"],
            [(pk, *row) for pk, row in zip(writer.ids(BallotChoice, len(part)), part, strict=True)],
        )
    writer.write(
        BallotVoter,
        [
            "id",
            "election_round_id",
            "voter_id",
            "ballot_id",
            "receipt_code",
            "voted_at",
            "changed_at",
            "times_changed",
        ],
        [
            (pk, *row)
            for pk, row in zip(writer.ids(BallotVoter, len(voter_rows)), voter_rows, strict=True)
        ],
    )


def methods_write(writer, methods) -> None:
    now = timezone.now()
    writer.write(
        DecisionMethod,
        ["id", "smederij_id", "year", "method", "set_at"],
        [
            (pk, s, y, m, now)
            for pk, ((y, s), m) in zip(
                writer.ids(DecisionMethod, len(methods)), sorted(methods.items()), strict=True
            )
        ],
    )


def assessments_write(writer, rng, plans, *, methods, people) -> None:
    """The initiatiefgroep's vote on each korte klap proposal of an assessment year that
    reached the decision: closed with its counts, or still open while deciding."""
    votes, casts = [], []
    now = timezone.now()
    for plan in plans:
        if (
            plan.klap != Klap.KORTE
            or methods[(plan.year, plan.smederij.pk)] != DecisionMethodKind.ASSESSMENT
        ):
            continue
        moments = dict(plan.times)
        if S.DECIDING not in moments:
            continue
        opened = moments[S.DECIDING]
        members = people.members[plan.smederij.pk]
        regisseur = people.regisseurs[plan.smederij.wijkteam_id]
        is_open = plan.status == S.DECIDING
        choices = []
        for member in members[: rng.randint(3, len(members))]:
            if plan.status in (S.REJECTED, S.DEFERRED):
                choice = rng.choices(
                    [VoteChoice.AGAINST, VoteChoice.FOR, VoteChoice.ABSTAIN], [6, 2, 1]
                )[0]
            else:
                choice = rng.choices(
                    [VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN], [6, 2, 1]
                )[0]
            choices.append((member, choice))
        if is_open:
            counts = (None, None, None, None)
            closes, closed, outcome = max(now, opened) + datetime.timedelta(days=5), None, ""
        else:
            counts = (
                len(members),
                *(
                    sum(1 for _, c in choices if c == v)
                    for v in (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN)
                ),
            )
            closes = opened + datetime.timedelta(days=7)
            closed = min(
                closes,
                next(m for s, m in plan.times if s not in (S.SUBMITTED, S.IN_REVIEW, S.DECIDING))
                - datetime.timedelta(minutes=1),
            )
            closed = max(closed, opened + datetime.timedelta(minutes=1))
            outcome = VoteOutcome.ADOPTED if S.APPROVED in moments else VoteOutcome.NOT_ADOPTED
        votes.append(
            (
                plan.id,
                VoteBody.INITIATIEFGROEP,
                regisseur,
                opened,
                closes,
                Decimal("0.50"),
                closed,
                *counts,
                outcome,
                choices,
            )
        )
    vote_rows, events = [], []
    for pk, (*row, choices) in zip(writer.ids(AssessmentVote, len(votes)), votes, strict=True):
        vote_rows.append((pk, *row))
        proposal, body, regisseur, opened, closes, _quorum, closed, eligible, *counts, outcome = row
        events.append(
            (
                proposal,
                EventKind.VOTE,
                regisseur,
                timeline.VOTE_OPENED,
                {"body": body, "closes_at": closes.isoformat()},
                opened,
            )
        )
        for member, choice in choices:
            at = opened + datetime.timedelta(minutes=rng.randint(1, 48 * 60))
            at = min(at, closed if closed is not None else now)
            casts.append((pk, member, choice, "", at, at))
            # Who and when, never the choice (as projecten/votes/services.py).
            events.append((proposal, EventKind.VOTE, member, timeline.VOTED, {}, at))
        if closed is not None:
            data = dict(zip(("for", "against", "abstain"), counts, strict=True))
            events.append(
                (
                    proposal,
                    EventKind.VOTE,
                    None,
                    timeline.VOTE_CLOSED,
                    {**data, "eligible": eligible, "outcome": outcome},
                    closed,
                )
            )
    writer.write(
        AssessmentVote,
        [
            "id",
            "proposal_id",
            "body",
            "opened_by_id",
            "opened_at",
            "closes_at",
            "quorum",
            "closed_at",
            "eligible_count",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
        ],
        vote_rows,
    )
    writer.write(
        VoteCast,
        ["id", "vote_id", "voter_id", "choice", "motivation", "cast_at", "changed_at"],
        [(pk, *row) for pk, row in zip(writer.ids(VoteCast, len(casts)), casts, strict=True)],
    )
    coded_events_write(writer, events)
