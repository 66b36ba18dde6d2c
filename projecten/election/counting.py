"""Counting a Smederij election: "from the top" and the Method of Equal Shares.

Pure Python, no Django: the same functions count an election, recount it from
the stored ballots, and run in the benchmark. Money comes in and goes out as
Decimal euros; inside, amounts are whole cents (int) and the equal-shares
payments are exact Fractions of a cent, so that no rounding can decide which
idea is funded. Why these rules and this completion: docs/decisions/0010.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

FROM_THE_TOP = "from_the_top"
EQUAL_SHARES = "equal_shares"

# Reasons, as machine codes (the result page translates them).
FUNDED = "funded"
FUNDED_EQUAL_SHARES = "funded_equal_shares"
FUNDED_FROM_THE_TOP = "funded_from_the_top"
DOES_NOT_FIT = "does_not_fit"
NO_VOTES = "no_votes"

# How Equal Shares spends what its own phase leaves over.
COMPLETION_ADD1 = (
    "add1"  # raise the per-voter budget by € 1 while the outcome fits, then from the top
)
COMPLETION_FROM_THE_TOP = "from_the_top"  # from the top over the rest, at once
COMPLETION_NONE = "none"  # the bare method as published (for tests against worked examples)
COMPLETIONS = (COMPLETION_ADD1, COMPLETION_FROM_THE_TOP, COMPLETION_NONE)

# add1 raises each voter's share by one unit of the currency per step (equalshares.net).
ADD1_STEP_CENTS = 100


@dataclass(frozen=True)
class Idea:
    id: int  # the proposal id
    cost: Decimal  # the amount asked
    submitted_at: datetime  # for the tie rule


@dataclass(frozen=True)
class IdeaOutcome:
    id: int
    votes: int
    funded: bool
    reason: str  # FUNDED, FUNDED_EQUAL_SHARES, FUNDED_FROM_THE_TOP, DOES_NOT_FIT, NO_VOTES
    cost: Decimal


@dataclass(frozen=True)
class EqualSharesRound:
    """One purchase of the equal-shares phase: every supporter pays
    min(what they have left, max_payment), and the payments add up to the cost."""

    id: int
    max_payment: Fraction  # euros, exact (the published ρ)


@dataclass(frozen=True)
class CountResult:
    method: str  # FROM_THE_TOP | EQUAL_SHARES
    outcomes: list[IdeaOutcome]  # in ranking order
    budget: Decimal
    spent: Decimal
    left: Decimal
    voters: int
    # Equal Shares only: the completion used, each voter's share in the final
    # equal-shares run (budget / voters, or more after add1), and its purchases in order.
    completion: str = ""
    voter_budget: Fraction | None = None
    rounds: tuple[EqualSharesRound, ...] = ()

    @property
    def funded_ids(self) -> list[int]:
        return [outcome.id for outcome in self.outcomes if outcome.funded]


def _cents(amount: Decimal) -> int:
    """Whole cents of a Decimal amount; refuses fractions of a cent and negatives."""
    if isinstance(amount, float):
        raise TypeError("Money is never a float; pass a Decimal.")
    cents = Decimal(amount) * 100
    if cents != cents.to_integral_value() or cents < 0:
        raise ValueError(f"Not an amount in whole cents: {amount!r}")
    return int(cents)


def _euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def ranking_key(idea: Idea, votes: int) -> tuple:
    """The stated tie rule: more votes first; on equal votes fewer euros,
    then the earlier submission, then the lower id (always decides)."""
    return (-votes, idea.cost, idea.submitted_at, idea.id)


def _check_unique(ideas: Sequence[Idea]) -> None:
    ids = [idea.id for idea in ideas]
    if len(set(ids)) != len(ids):
        raise ValueError("Each idea may stand on the ballot only once.")


def count_from_the_top(
    ideas: Sequence[Idea], votes: Mapping[int, int], budget: Decimal, voters: int
) -> CountResult:
    """Fund by votes, from the most down, each with its asked amount while it
    fits; an idea that no longer fits is skipped and the next one that does is
    funded. Ideas without a vote are never funded."""
    _check_unique(ideas)
    budget_cents = _cents(budget)
    left = budget_cents
    outcomes = []
    for idea in sorted(ideas, key=lambda idea: ranking_key(idea, votes.get(idea.id, 0))):
        count = votes.get(idea.id, 0)
        if count < 0:
            raise ValueError(f"A negative vote count for idea {idea.id}.")
        cost = _cents(idea.cost)
        if count == 0:
            outcomes.append(IdeaOutcome(idea.id, 0, False, NO_VOTES, idea.cost))
        elif cost <= left:
            left -= cost
            outcomes.append(IdeaOutcome(idea.id, count, True, FUNDED, idea.cost))
        else:
            outcomes.append(IdeaOutcome(idea.id, count, False, DOES_NOT_FIT, idea.cost))
    return CountResult(
        method=FROM_THE_TOP,
        outcomes=outcomes,
        budget=_euros(budget_cents),
        spent=_euros(budget_cents - left),
        left=_euros(left),
        voters=voters,
    )


class _Profile:
    """Ballots grouped by their approval set: identical ballots always pay alike,
    so the equal-shares phase works on groups with a weight, not on persons."""

    def __init__(self, ideas: Sequence[Idea], ballots: Iterable[Collection[int]]):
        known = {idea.id for idea in ideas}
        groups: Counter[frozenset[int]] = Counter()
        for ballot in ballots:
            choice = frozenset(ballot)
            unknown = choice - known
            if unknown:
                raise ValueError(
                    f"A ballot names ideas that are not on the ballot: {sorted(unknown)}"
                )
            groups[choice] += 1
        self.voters = sum(groups.values())
        # A stable order (sorted approval sets) keeps every run identical
        # whatever the order of the ballots.
        self.groups = sorted(groups.items(), key=lambda item: sorted(item[0]))
        self.weights = [weight for _, weight in self.groups]
        self.ballots = [choice for choice, _ in self.groups]
        self.supporters: dict[int, list[int]] = {idea.id: [] for idea in ideas}
        for index, choice in enumerate(self.ballots):
            for idea_id in choice:
                self.supporters[idea_id].append(index)
        self.votes = {
            idea_id: sum(self.weights[g] for g in members)
            for idea_id, members in self.supporters.items()
        }


def _equal_shares_phase(
    profile: _Profile,
    costs: Mapping[int, int],
    order: Mapping[int, tuple],
    voter_budget: Fraction,
) -> list[tuple[int, Fraction]]:
    """The Method of Equal Shares for approval ballots (Peters & Skowron), in cents.

    Every voter starts with `voter_budget`. Each round, for every idea still
    affordable, ρ is the smallest amount such that its supporters paying
    min(what they have left, ρ) together pay its cost; the idea with the
    smallest ρ is bought (ties: more votes, then the stated tie rule) and its
    supporters pay. It stops when no idea is affordable by its supporters.

    Voters with the same money left share a "class"; each idea keeps how many
    of its supporters are in each class, so a round costs the number of
    classes, not the number of voters. ρ of an idea only grows from round to
    round (money only decreases), so the last ρ is a lower bound and ideas are
    evaluated lazily in its order (the trick of the equalshares.net reference).
    """
    class_money: list[Fraction] = [voter_budget]
    class_of_money: dict[Fraction, int] = {voter_budget: 0}
    voter_class = [0] * len(profile.ballots)
    # idea -> {class: number of its supporters in that class}
    counts: dict[int, dict[int, int]] = {}
    for idea_id, members in profile.supporters.items():
        if members and costs[idea_id] > 0:
            counts[idea_id] = {0: sum(profile.weights[g] for g in members)}
    # Lower bounds of ρ; the first is cost / supporters.
    bound = {
        idea_id: Fraction(costs[idea_id], next(iter(c.values()))) for idea_id, c in counts.items()
    }
    bought: list[tuple[int, Fraction]] = []

    # Each class's place in the order of money left, refreshed once a round:
    # ideas then sort their classes by an int, not by comparing Fractions.
    place: list[int] = [0]

    def rho(idea_id: int) -> Fraction | None:
        cost = costs[idea_id]
        rows = sorted(
            (cls for cls, number in counts[idea_id].items() if number and class_money[cls]),
            key=place.__getitem__,
        )
        idea_counts = counts[idea_id]
        paid = Fraction(0)
        sharing = sum(idea_counts[cls] for cls in rows)
        for cls in rows:
            money = class_money[cls]
            share = (cost - paid) / sharing
            if share <= money:
                return share
            number = idea_counts[cls]
            paid += money * number
            sharing -= number
        return None  # what its supporters have left does not cover the cost

    while counts:
        if len(place) != len(class_money):
            place = [0] * len(class_money)
            # float() is monotone, so (float, exact) sorts exactly and the
            # exact Fraction is compared only when two floats are equal.
            keys = [(float(money), money) for money in class_money]
            for rank, cls in enumerate(sorted(range(len(class_money)), key=keys.__getitem__)):
                place[cls] = rank
        best: tuple | None = None
        best_id = None
        for idea_id in sorted(counts, key=lambda i: (bound[i], order[i])):
            if best is not None and bound[idea_id] > best[0]:
                break  # ρ never falls: no later idea can beat the best
            value = rho(idea_id)
            if value is None:
                del counts[idea_id]  # money only decreases: never affordable again
                continue
            bound[idea_id] = value
            key = (value, -profile.votes[idea_id], order[idea_id])
            if best is None or key < best:
                best, best_id = key, idea_id
        if best_id is None:
            break
        payment = best[0]
        bought.append((best_id, payment))
        del counts[best_id]
        # Supporters pay min(money left, ρ); move each class to its new class.
        moved: dict[int, int] = {}
        for group in profile.supporters[best_id]:
            old = voter_class[group]
            new = moved.get(old)
            if new is None:
                money = class_money[old]
                rest = money - payment if money > payment else Fraction(0)
                new = class_of_money.get(rest)
                if new is None:
                    new = len(class_money)
                    class_money.append(rest)
                    class_of_money[rest] = new
                moved[old] = new
            if new == old:
                continue
            voter_class[group] = new
            weight = profile.weights[group]
            for other in profile.ballots[group]:
                idea_counts = counts.get(other)
                if idea_counts is not None:
                    idea_counts[old] -= weight
                    idea_counts[new] = idea_counts.get(new, 0) + weight
    return bought


def count_equal_shares(
    ideas: Sequence[Idea],
    ballots: Iterable[Collection[int]],
    budget: Decimal,
    *,
    completion: str = COMPLETION_ADD1,
) -> CountResult:
    """The Method of Equal Shares over approval ballots, completed (by default)
    with add1 and then from the top with what is left. Every ballot handed in
    counts as a voter, an empty one included: the budget is divided over the
    voters who took part."""
    if completion not in COMPLETIONS:
        raise ValueError(f"Unknown completion {completion!r}.")
    _check_unique(ideas)
    budget_cents = _cents(budget)
    profile = _Profile(ideas, ballots)
    votes = profile.votes
    costs = {idea.id: _cents(idea.cost) for idea in ideas}
    order = {idea.id: ranking_key(idea, votes[idea.id]) for idea in ideas}
    supported = {idea.id for idea in ideas if votes[idea.id] > 0}
    n = profile.voters

    bought: list[tuple[int, Fraction]] = []
    voter_budget: Fraction | None = None
    if n:
        voter_budget = Fraction(budget_cents, n)
        bought = _equal_shares_phase(profile, costs, order, voter_budget)
        if completion == COMPLETION_ADD1:
            voter_budget, bought = _add1(
                profile, costs, order, supported, budget_cents, voter_budget, bought
            )

    funded = {idea_id for idea_id, _ in bought}
    left = budget_cents - sum(costs[idea_id] for idea_id in funded)
    filled: list[int] = []
    if completion != COMPLETION_NONE:
        for idea in sorted(ideas, key=lambda idea: order[idea.id]):
            if idea.id in supported and idea.id not in funded and costs[idea.id] <= left:
                left -= costs[idea.id]
                filled.append(idea.id)

    by_id = {idea.id: idea for idea in ideas}
    outcomes = [
        IdeaOutcome(i, votes[i], True, FUNDED_EQUAL_SHARES, by_id[i].cost) for i, _ in bought
    ]
    outcomes += [IdeaOutcome(i, votes[i], True, FUNDED_FROM_THE_TOP, by_id[i].cost) for i in filled]
    done = funded | set(filled)
    for idea in sorted(ideas, key=lambda idea: order[idea.id]):
        if idea.id in done:
            continue
        reason = DOES_NOT_FIT if idea.id in supported else NO_VOTES
        outcomes.append(IdeaOutcome(idea.id, votes[idea.id], False, reason, idea.cost))
    return CountResult(
        method=EQUAL_SHARES,
        outcomes=outcomes,
        budget=_euros(budget_cents),
        spent=_euros(budget_cents - left),
        left=_euros(left),
        voters=n,
        completion=completion,
        voter_budget=None if voter_budget is None else voter_budget / 100,
        rounds=tuple(EqualSharesRound(i, payment / 100) for i, payment in bought),
    )


def _add1(profile, costs, order, supported, budget_cents, voter_budget, bought):
    """The add1 completion (equalshares.net): while some supported idea would
    still fit next to the outcome, run the method again with each voter's share
    raised by one euro more, starting from the whole euros of the real share,
    and keep the new outcome as long as it fits in the real budget."""
    total = sum(costs[i] for i, _ in bought)
    level = (voter_budget // ADD1_STEP_CENTS) * ADD1_STEP_CENTS  # whole euros, in cents
    # Ideas that cost nothing are never bought by the method itself (as in the
    # reference); the final fill funds them, so they must not keep this loop going.
    buyable = {i for i in supported if costs[i] > 0}
    while True:
        funded = {i for i, _ in bought}
        if not any(costs[i] + total <= budget_cents for i in buyable - funded):
            break  # exhaustive: nothing more could be bought anyway
        level += ADD1_STEP_CENTS
        trial = _equal_shares_phase(profile, costs, order, Fraction(level))
        trial_total = sum(costs[i] for i, _ in trial)
        if trial_total > budget_cents:
            break
        bought, total, voter_budget = trial, trial_total, Fraction(level)
    return voter_budget, bought
