"""Proposals, their timeline, decisions and advice: planned in memory, then written.

A proposal's path through the lifecycle (projecten/workflow.py) is chosen first; whether a
handed-in proposal is funded is decided afterwards, by the Smederij's election or by the
budget that is left (see `funding_decide`), so that no share is ever promised twice.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from projecten.common import timeline
from projecten.demo.ideas import IDEAS
from projecten.models import (
    Advice,
    BudgetLine,
    Decision,
    DecisionOutcome,
    EventKind,
    Klap,
    Proposal,
    ProposalEvent,
    Recommendation,
)
from projecten.workflow import ProposalStatus as S

from .years import AMSTERDAM

DAY = datetime.timedelta(days=1)

# The statuses a proposal passes on its way to each final status (after draft).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.IN_REVIEW: [S.SUBMITTED, S.IN_REVIEW],
    S.CHANGES_REQUESTED: [S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED],
    S.DECIDING: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING],
    S.WITHDRAWN: [S.SUBMITTED, S.WITHDRAWN],
    S.REJECTED: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING, S.REJECTED],
    S.DEFERRED: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING, S.DEFERRED],
    S.APPROVED: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING, S.APPROVED],
    S.IN_PROGRESS: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING, S.APPROVED, S.IN_PROGRESS],
    S.ACCOUNTED: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING, S.APPROVED, S.IN_PROGRESS, S.ACCOUNTED],
    S.COMPLETED: [
        S.SUBMITTED,
        S.IN_REVIEW,
        S.DECIDING,
        S.APPROVED,
        S.IN_PROGRESS,
        S.ACCOUNTED,
        S.COMPLETED,
    ],
    S.CANCELLED: [S.SUBMITTED, S.IN_REVIEW, S.DECIDING, S.APPROVED, S.CANCELLED],
}
FUNDED_ENDS = (S.COMPLETED, S.ACCOUNTED, S.IN_PROGRESS, S.APPROVED, S.CANCELLED)
# The current year shows every status; the first proposals of the year take one each.
CURRENT_YEAR_SPREAD = [
    S.DRAFT,
    S.SUBMITTED,
    S.IN_REVIEW,
    S.CHANGES_REQUESTED,
    S.DECIDING,
    S.WITHDRAWN,
    "decided",
]
CURRENT_YEAR_WEIGHTS = [8, 12, 14, 6, 8, 5, 47]
COMMENTS_ON_ADVICE = (
    "Past goed bij de wijk.",
    "Sterk sociaal doel.",
    "Draagvlak aantonen.",
    "Begroting is realistisch.",
    "Eigen inzet is duidelijk.",
)


@dataclass(eq=False)
class Plan:
    id: int
    smederij: object
    year: int
    klap: str
    idea: object
    amount: Decimal
    submitter: int
    created_at: datetime.datetime
    status: str  # before the decision: a status, or "decided" until funding_decide
    funded: bool = False
    # Set by the count of a Smederij election: when, and with how many votes and why.
    counted_at: datetime.datetime | None = None
    election: dict | None = None
    times: list = field(default_factory=list)  # (status, moment) after created


def _amount(rng, idea) -> Decimal:
    euros = sum(rng.randint(low, high) for _, low, high in idea.lines)
    return Decimal(euros).quantize(Decimal("0.01"))


def proposals_plan(rng, writer, *, years, current, smederijen, total, people) -> list[Plan]:
    now = timezone.now()
    korte = [i for i in IDEAS if i.klap == Klap.KORTE]
    lange = [i for i in IDEAS if i.klap == Klap.LANGE]
    weights = [max(s.area.inhabitants or 1, 1) for s in smederijen]
    ids = iter(writer.ids(Proposal, total))
    # `total` over the years, the remainder one each to the first years.
    per_year = [total // len(years) + (index < total % len(years)) for index in range(len(years))]
    plans = []
    first_of_current = 0
    for year, count in zip(years, per_year, strict=True):
        start = datetime.datetime(year, 1, 1, 9, tzinfo=AMSTERDAM)
        end = min(datetime.datetime(year, 12, 20, 17, tzinfo=AMSTERDAM), now - 2 * DAY)
        span = (end - start).total_seconds()
        for _ in range(count):
            smederij = rng.choices(smederijen, weights)[0]
            klap = Klap.LANGE if rng.random() < 0.08 else Klap.KORTE
            idea = rng.choice(lange if klap == Klap.LANGE else korte)
            if year == current and first_of_current < len(CURRENT_YEAR_SPREAD):
                status = CURRENT_YEAR_SPREAD[first_of_current]
                first_of_current += 1
            elif year == current:
                status = rng.choices(CURRENT_YEAR_SPREAD, CURRENT_YEAR_WEIGHTS)[0]
            else:
                status = rng.choices([S.DRAFT, S.WITHDRAWN, "decided"], [4, 8, 88])[0]
            created = start + datetime.timedelta(seconds=rng.random() * span * 0.6)
            plans.append(
                Plan(
                    id=next(ids),
                    smederij=smederij,
                    year=year,
                    klap=klap,
                    idea=idea,
                    amount=_amount(rng, idea),
                    submitter=rng.choice(people.residents[smederij.pk]),
                    created_at=created,
                    status=status,
                )
            )
    return plans


def funding_decide(rng, plans, *, shares, lange_pots, decided_by_election) -> None:
    """Fund the decided proposals while the money lasts: korte klap from the Smederij's
    share (kept under 95%), lange klap from the year's pot. Proposals of an election year
    were funded by the count already (`decided_by_election`)."""
    left = {key: amount * Decimal("0.95") for key, amount in shares.items()}
    lange_left = {year: pot * Decimal("0.95") for year, pot in lange_pots.items()}
    for plan in plans:
        if plan.status != "decided" or plan in decided_by_election:
            continue
        if plan.klap == Klap.LANGE:
            fits = plan.amount <= lange_left.get(plan.year, 0)
            if fits and rng.random() < 0.6:
                lange_left[plan.year] -= plan.amount
                plan.funded = True
        else:
            key = (plan.year, plan.smederij.pk)
            if plan.amount <= left.get(key, 0) and rng.random() < 0.5:
                left[key] -= plan.amount
                plan.funded = True


def statuses_final(rng, plans, *, current) -> None:
    for plan in plans:
        if plan.status != "decided":
            continue
        if plan.funded:
            if plan.year == current:
                plan.status = rng.choice(FUNDED_ENDS)
            elif plan.year >= current - 1 or plan.klap == Klap.LANGE:
                plan.status = rng.choices(FUNDED_ENDS, [70, 10, 10, 2, 8])[0]
            else:
                plan.status = rng.choices([S.COMPLETED, S.CANCELLED], [94, 6])[0]
        elif plan.counted_at is not None:
            plan.status = S.REJECTED  # an election funds or not: it defers nothing
        else:
            plan.status = rng.choices([S.REJECTED, S.DEFERRED], [85, 15])[0]
    _spread_current(plans, current)
    now = timezone.now()
    for plan in plans:
        moment = plan.created_at
        limit = min(
            datetime.datetime(
                plan.year + (2 if plan.klap == Klap.LANGE else 1), 3, 1, tzinfo=AMSTERDAM
            ),
            now - DAY,
        )
        for status in PATHS[plan.status]:
            moment = min(moment + datetime.timedelta(hours=rng.randint(6, 24 * 20)), limit)
            if plan.counted_at is not None:
                # An idea on the ballot is decided by the count, and reviewed before it.
                if status in (S.APPROVED, S.REJECTED):
                    moment = plan.counted_at
                elif status in (S.SUBMITTED, S.IN_REVIEW, S.DECIDING):
                    moment = min(moment, plan.counted_at - datetime.timedelta(days=3))
            plan.times.append((status, moment))


def _spread_current(plans, current) -> None:
    """Make sure the current year has each funded and decided status at least once."""
    wanted = set(FUNDED_ENDS) | {S.REJECTED, S.DEFERRED}
    present = {p.status for p in plans if p.year == current}
    for status in sorted(wanted - present):
        funded = status in FUNDED_ENDS
        for plan in plans:
            if (
                plan.year == current
                and plan.funded == funded
                and plan.status in wanted
                and sum(1 for p in plans if p.year == current and p.status == plan.status) > 1
            ):
                plan.status = status
                break


def submitted_at(plan):
    return plan.times[0][1] if plan.times else None


def proposals_write(writer, rng, plans) -> None:
    rows, lines = [], []
    for plan in plans:
        idea = plan.idea
        start = datetime.date(plan.year, rng.randint(3, 9), rng.randint(1, 28))
        last = plan.times[-1][1] if plan.times else plan.created_at
        rows.append(
            (
                plan.id,
                plan.smederij.pk,
                plan.submitter,
                plan.klap,
                plan.year,
                plan.status,
                f"{idea.title} in {plan.smederij.name}",
                idea.summary,
                idea.summary,
                idea.social_side,
                idea.theme,
                plan.smederij.name,
                idea.changes_public_space,
                start,
                start + datetime.timedelta(days=rng.randint(1, 120)),
                "Wij organiseren het zelf.",
                "Gesproken met de buren.",
                plan.amount,
                idea.goal,
                idea.duration,
                idea.partners,
                idea.success_measure,
                plan.created_at,
                last,
                submitted_at(plan),
            )
        )
        lines.append((plan.id, idea.lines[0][0], plan.amount, 0))
    writer.write(
        Proposal,
        [
            "id",
            "smederij_id",
            "submitter_id",
            "klap",
            "year",
            "status",
            "title",
            "summary",
            "description",
            "social_side",
            "theme",
            "location",
            "changes_public_space",
            "start_date",
            "end_date",
            "eigen_inzet",
            "draagvlak",
            "amount_requested",
            "goal",
            "duration",
            "partners",
            "success_measure",
            "created_at",
            "updated_at",
            "submitted_at",
        ],
        rows,
    )
    writer.write(
        BudgetLine,
        ["id", "proposal_id", "description", "amount", "position"],
        [(pk, *line) for pk, line in zip(writer.ids(BudgetLine, len(lines)), lines, strict=True)],
    )


def events_write(writer, plans, *, people) -> None:
    """The timeline: created, then each move, by the person who makes it."""
    columns = [
        "id",
        "proposal_id",
        "kind",
        "actor_id",
        "from_status",
        "to_status",
        "what",
        "data",
        "message",
        "created_at",
    ]
    total = sum(1 + len(p.times) for p in plans)
    ids = iter(writer.ids(ProposalEvent, total))
    rows = []
    for plan in plans:
        regisseur = people.regisseurs[plan.smederij.wijkteam_id]
        rows.append(
            (
                next(ids),
                plan.id,
                EventKind.CREATED,
                plan.submitter,
                "",
                S.DRAFT,
                "",
                {},
                "",
                plan.created_at,
            )
        )
        previous = S.DRAFT
        for status, moment in plan.times:
            actor = (
                plan.submitter if status in (S.SUBMITTED, S.WITHDRAWN, S.ACCOUNTED) else regisseur
            )
            what, data = "", {}
            if plan.election is not None and status in (S.APPROVED, S.REJECTED):
                # The count made this move, not a person (as projecten/election/services.py).
                actor, what, data = None, timeline.ELECTION_OUTCOME, plan.election
            rows.append(
                (
                    next(ids),
                    plan.id,
                    EventKind.STATUS,
                    actor,
                    previous,
                    status,
                    what,
                    data,
                    "",
                    moment,
                )
            )
            previous = status
        if len(rows) >= 50000:
            writer.write(ProposalEvent, columns, rows)
            rows = []
    writer.write(ProposalEvent, columns, rows)


EVENT_COLUMNS = [
    "id",
    "proposal_id",
    "kind",
    "actor_id",
    "from_status",
    "to_status",
    "what",
    "data",
    "message",
    "created_at",
]


def coded_events_write(writer, events) -> None:
    """Timeline rows that say what happened as a code and values (projecten/common/
    timeline.py): `events` holds (proposal id, kind, actor id, what, data, moment)."""
    ids = writer.ids(ProposalEvent, len(events))
    writer.write(
        ProposalEvent,
        EVENT_COLUMNS,
        [
            (pk, proposal, kind, actor, "", "", what, data, "", at)
            for pk, (proposal, kind, actor, what, data, at) in zip(ids, events, strict=True)
        ],
    )


def decisions_write(writer, rng, plans, *, people, by_election) -> None:
    """The gebiedsregisseur's decision record, and one or two advices from the wijkteam."""
    decisions, advices, events = [], [], []
    outcome = {S.REJECTED: DecisionOutcome.REJECTED, S.DEFERRED: DecisionOutcome.DEFERRED}
    for plan in plans:
        moments = dict(plan.times)
        wijkteam = plan.smederij.wijkteam_id
        if S.IN_REVIEW in moments and plan.status != S.IN_REVIEW:
            for professional in people.professionals[wijkteam][: rng.randint(1, 2)]:
                at = moments[S.IN_REVIEW] + datetime.timedelta(hours=2)
                advices.append(
                    (
                        plan.id,
                        professional,
                        rng.choice(
                            [
                                Recommendation.POSITIVE,
                                Recommendation.NEUTRAL,
                                Recommendation.NEGATIVE,
                            ]
                        ),
                        rng.choice(COMMENTS_ON_ADVICE),
                        *(rng.randint(1, 5) for _ in range(4)),
                        at,
                        at,
                    )
                )
                events.append(
                    (
                        plan.id,
                        EventKind.ADVICE,
                        professional,
                        timeline.ADVICE_GIVEN,
                        {"recommendation": advices[-1][2]},
                        at,
                    )
                )
        if plan in by_election:
            continue  # the election's count is the decision
        decided = S.APPROVED if S.APPROVED in moments else plan.status
        if decided not in (S.APPROVED, S.REJECTED, S.DEFERRED):
            continue
        at = moments[decided]
        regisseur = people.regisseurs[wijkteam]
        if decided == S.APPROVED:
            data, code = {"amount": timeline.money(plan.amount)}, timeline.APPROVED
        elif decided == S.DEFERRED:
            data, code = {"year": plan.year + 1}, timeline.DEFERRED
        else:
            data, code = {}, timeline.REJECTED
        events.append((plan.id, EventKind.DECISION, regisseur, code, data, at))
        if decided == S.APPROVED:
            decisions.append(
                (
                    plan.id,
                    DecisionOutcome.APPROVED,
                    plan.amount,
                    "Goedgekeurd.",
                    at,
                    people.regisseurs[wijkteam],
                )
            )
        else:
            reason = "Past niet in het budget van dit jaar." if decided == S.REJECTED else ""
            decisions.append(
                (plan.id, outcome[decided], None, reason, at, people.regisseurs[wijkteam])
            )
    writer.write(
        Decision,
        [
            "id",
            "proposal_id",
            "outcome",
            "amount",
            "motivation",
            "decided_at",
            "decided_by_id",
            "conditions",
            "conditional_on_co_funding",
        ],
        [
            (pk, *row, "", False)
            for pk, row in zip(writer.ids(Decision, len(decisions)), decisions, strict=True)
        ],
    )
    writer.write(
        Advice,
        [
            "id",
            "proposal_id",
            "professional_id",
            "recommendation",
            "motivation",
            "score_liveability",
            "score_draagvlak",
            "score_feasibility",
            "score_eigen_inzet",
            "created_at",
            "updated_at",
        ],
        [(pk, *row) for pk, row in zip(writer.ids(Advice, len(advices)), advices, strict=True)],
    )
    coded_events_write(writer, events)
