"""Counting a Smederij election: "from the top" and the Method of Equal Shares.

Pure Python, no Django: the same functions count an election, recount it from
the stored ballots, and run in the benchmark. Money comes in and goes out as
Decimal euros; inside, amounts are whole cents (int) and the equal-shares
payments are exact Fractions of a cent, so that no rounding can decide which
idea is funded. Why these rules and this completion: docs/decisions/0010.
"""

from __future__ import annotations

import math
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
COMPLETION_ADD1 = "add1"  # raise the per-voter budget by € 1 while the outcome fits, then fill
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
    max_payment: Fraction  # euros, exact: ρ · cost, the most one supporter pays
    effective_votes: Fraction  # cost / max_payment = 1/ρ (what equalshares.net shows)


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


# A voter's money in one run as a function of the per-voter budget b (in cents):
# alpha * b + beta. The completion needs to know how far b can rise before a run could
# decide anything differently (see _equal_shares_phase); a run that does not ask for that
# uses alpha = 0 throughout, so the forms are just the amounts.
Form = tuple[Fraction, Fraction]
ZERO_FORM: Form = (Fraction(0), Fraction(0))


def _at(form: Form, b: Fraction) -> Fraction:
    return form[0] * b + form[1]


def equal_shares_order(idea: Idea, votes: int) -> tuple:
    """The tie rule of the equal-shares phase, as equalshares.net recommends ("Tie
    breaking"): on an equal effective vote count the cheaper idea, then the one with more
    votes; where the site then draws lots we take the earlier submission, then the lower id,
    so that a recount can never differ."""
    return (idea.cost, -votes, idea.submitted_at, idea.id)


class _Bound:
    """Where a run's decisions stop holding as the per-voter budget b rises: every decision
    of the run at b is still the same for every b' with b <= b' < limit (None: no end)."""

    def __init__(self, b: Fraction):
        self.b = b
        self.limit: Fraction | None = None

    def keeps(self, alpha: Fraction, beta: Fraction) -> None:
        """A decision holds while alpha * b' + beta >= 0 (it does at b). It is treated as
        failing at the root itself, which only ever makes the next step one to run."""
        if alpha < 0:
            root = -beta / alpha
            if self.limit is None or root < self.limit:
                self.limit = root


def _equal_shares_phase(
    profile: _Profile,
    costs: Mapping[int, int],
    order: Mapping[int, tuple],
    voter_budget: Fraction,
    *,
    bound: _Bound | None = None,
    spend_at_most: int | None = None,
) -> list[tuple[int, Fraction]]:
    """The Method of Equal Shares for approval ballots with cost utilities, in cents.

    This is the rule of Peters, Pierczyński & Skowron (2021), with a voter's utility for
    an idea they approve equal to its cost: what equalshares.net computes and pabutools
    gives with `sat_class=Cost_Sat`. Every voter starts with `voter_budget`. For an idea c
    with supporters N_c, ρ is the smallest number with Σ_{i∈N_c} min(b_i, ρ·cost(c)) =
    cost(c); ρ·cost(c) is the most one supporter pays (`max_payment`) and 1/ρ the idea's
    effective vote count. Each round the idea with the smallest ρ is bought and each of
    its supporters pays min(what they have left, ρ·cost(c)); ties by `order`. It stops
    when the supporters of no idea can pay for it together.

    Voters with the same money left share a "class"; each idea keeps how many of its
    supporters are in each class, so a round costs the number of classes, not voters.
    ρ of an idea only grows from round to round (money only decreases), so the last ρ is a
    lower bound and ideas are evaluated lazily in its order (the trick of the
    equalshares.net reference code).

    With `bound`, the run also records up to which per-voter budget each of its decisions
    stays the same: money is then tracked as a linear form in the budget b (all voters
    start at b), a payment is the form that solves the payment equation with the same
    voters paying all they have, and every comparison the run made becomes a condition on
    b (see decision 0010, "Completion").

    With `spend_at_most`, the run stops as soon as what it bought costs more: the add1
    completion then only needs to know that it overspends.
    """
    certify = bound is not None
    start: Form = (Fraction(1), Fraction(0)) if certify else (Fraction(0), voter_budget)
    class_form: list[Form] = [start]
    class_money: list[Fraction] = [voter_budget]
    # float() is monotone, so (float, exact) sorts exactly and the exact Fraction is
    # compared only when two floats are equal; each class's float is computed once.
    class_key: list[tuple[float, Fraction]] = [(float(voter_budget), voter_budget)]
    class_of_form: dict[Form, int] = {start: 0}
    voter_class = [0] * len(profile.ballots)
    # idea -> {class: number of its supporters in that class}
    counts: dict[int, dict[int, int]] = {}
    for idea_id, members in profile.supporters.items():
        if members and costs[idea_id] > 0:
            counts[idea_id] = {0: sum(profile.weights[g] for g in members)}
    # Lower bounds of ρ and their forms: at first every supporter pays cost / |N_c|, so
    # ρ >= 1 / |N_c| whatever the budget.
    low: dict[int, Fraction] = {}
    low_form: dict[int, Form] = {}
    for idea_id, idea_counts in counts.items():
        low[idea_id] = Fraction(1, next(iter(idea_counts.values())))
        low_form[idea_id] = (Fraction(0), low[idea_id])
    bought: list[tuple[int, Fraction]] = []
    spent = 0

    # Each class's place in the order of money left, refreshed once a round:
    # ideas then sort their classes by an int, not by comparing Fractions.
    place: list[int] = [0]

    def payment(idea_id: int) -> tuple[Fraction, Form, list[int]] | None:
        """The most a supporter pays (exact, and as a form when certifying) and the classes
        that pay all they have; None when the supporters cannot pay the cost together."""
        cost = costs[idea_id]
        idea_counts = counts[idea_id]
        # A class whose form is zero has nothing at any budget; one with money 0 here but
        # a form that grows still belongs to the payment equation (it pays all it has).
        rows = sorted(
            (cls for cls, number in idea_counts.items() if number and class_form[cls] != ZERO_FORM),
            key=place.__getitem__,
        )
        paid = Fraction(0)
        paid_alpha = Fraction(0)
        sharing = sum(idea_counts[cls] for cls in rows)
        for index, cls in enumerate(rows):
            money = class_money[cls]
            share = (cost - paid) / sharing
            if share <= money:
                form = ZERO_FORM
                if certify:
                    # paid as a form: paid_alpha * b + (paid - paid_alpha * b)
                    paid_beta = paid - paid_alpha * voter_budget
                    form = (-paid_alpha / sharing, (cost - paid_beta) / sharing)
                return share, form, rows[:index]
            number = idea_counts[cls]
            paid += money * number
            if certify:
                paid_alpha += class_form[cls][0] * number
            sharing -= number
        if certify:
            # Unaffordable holds while the money of all its supporters stays under the cost.
            total_alpha = sum(class_form[cls][0] * idea_counts[cls] for cls in rows)
            bound.keeps(-total_alpha, cost - paid + total_alpha * voter_budget)
        return None

    while counts:
        if len(place) != len(class_money):
            place = [0] * len(class_money)
            for rank, cls in enumerate(sorted(range(len(class_money)), key=class_key.__getitem__)):
                place[cls] = rank
        best: tuple | None = None
        best_id = None
        best_pay: tuple[Fraction, Form, list[int]] | None = None
        evaluated: list[int] = []
        skipped: list[int] = []
        candidates = sorted(counts, key=lambda i: (low[i], order[i]))
        for position, idea_id in enumerate(candidates):
            if best is not None and low[idea_id] > best[0]:
                skipped = candidates[position:]
                break  # ρ never falls: no later idea can beat the best
            pay = payment(idea_id)
            if pay is None:
                del counts[idea_id]  # money only decreases: never affordable again
                continue
            cost = costs[idea_id]
            rho = pay[0] / cost
            low[idea_id] = rho
            if certify:
                low_form[idea_id] = (pay[1][0] / cost, pay[1][1] / cost)
            evaluated.append(idea_id)
            key = (rho, order[idea_id])
            if best is None or key < best:
                best, best_id, best_pay = key, idea_id, pay
        if best_id is None:
            break
        max_payment, pay_form, capped = best_pay
        bought.append((best_id, max_payment))
        del counts[best_id]
        spent += costs[best_id]
        if spend_at_most is not None and spent > spend_at_most:
            break
        if certify:
            rho_form = low_form[best_id]
            # No other idea may come before it: their ρ (at least their lower bound) stays
            # above the best's, which is exact while its payers stay the same.
            for other in evaluated + skipped:
                if other != best_id:
                    bound.keeps(low_form[other][0] - rho_form[0], low_form[other][1] - rho_form[1])
        # Supporters pay min(money left, max payment); move each class to its new class.
        moved: dict[int, int] = {}
        capped_set = set(capped)
        for group in profile.supporters[best_id]:
            old = voter_class[group]
            new = moved.get(old)
            if new is None:
                form = class_form[old]
                if form == ZERO_FORM:
                    new = old
                else:
                    if old in capped_set:
                        rest_form = ZERO_FORM  # pays all it has
                        if certify:  # ... while it has no more than the max payment
                            bound.keeps(pay_form[0] - form[0], pay_form[1] - form[1])
                    elif certify:
                        rest_form = (form[0] - pay_form[0], form[1] - pay_form[1])
                        bound.keeps(*rest_form)  # ... while it has at least the max payment
                    else:
                        rest_form = (Fraction(0), class_money[old] - max_payment)
                    new = class_of_form.get(rest_form)
                    if new is None:
                        new = len(class_money)
                        class_form.append(rest_form)
                        money = _at(rest_form, voter_budget)
                        class_money.append(money)
                        class_key.append((float(money), money))
                        class_of_form[rest_form] = new
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
    """The Method of Equal Shares over approval ballots with cost utilities, completed (by
    default) with add1 and then from the top with what is left. Every ballot handed in
    counts as a voter, an empty one included: the budget is divided over the voters who
    took part."""
    if completion not in COMPLETIONS:
        raise ValueError(f"Unknown completion {completion!r}.")
    _check_unique(ideas)
    budget_cents = _cents(budget)
    profile = _Profile(ideas, ballots)
    votes = profile.votes
    costs = {idea.id: _cents(idea.cost) for idea in ideas}
    ranking = {idea.id: ranking_key(idea, votes[idea.id]) for idea in ideas}
    order = {idea.id: equal_shares_order(idea, votes[idea.id]) for idea in ideas}
    supported = {idea.id for idea in ideas if votes[idea.id] > 0}
    n = profile.voters

    bought: list[tuple[int, Fraction]] = []
    voter_budget: Fraction | None = None
    if n:
        voter_budget = Fraction(budget_cents, n)
        if completion == COMPLETION_ADD1:
            voter_budget, bought = _add1(profile, costs, order, supported, budget_cents)
        else:
            bought = _equal_shares_phase(profile, costs, order, voter_budget)

    funded = {idea_id for idea_id, _ in bought}
    left = budget_cents - sum(costs[idea_id] for idea_id in funded)
    filled: list[int] = []
    if completion != COMPLETION_NONE:
        for idea in sorted(ideas, key=lambda idea: ranking[idea.id]):
            if idea.id in supported and idea.id not in funded and costs[idea.id] <= left:
                left -= costs[idea.id]
                filled.append(idea.id)

    by_id = {idea.id: idea for idea in ideas}
    outcomes = [
        IdeaOutcome(i, votes[i], True, FUNDED_EQUAL_SHARES, by_id[i].cost) for i, _ in bought
    ]
    outcomes += [IdeaOutcome(i, votes[i], True, FUNDED_FROM_THE_TOP, by_id[i].cost) for i in filled]
    done = funded | set(filled)
    for idea in sorted(ideas, key=lambda idea: ranking[idea.id]):
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
        rounds=tuple(
            EqualSharesRound(i, payment / 100, Fraction(costs[i]) / payment)
            for i, payment in bought
        ),
    )


def _exhaustive(bought, costs, buyable, budget_cents) -> bool:
    """No idea that the method could buy still fits next to the outcome (pabutools'
    `is_exhaustive` over the ideas with votes and a cost)."""
    total = sum(costs[i] for i, _ in bought)
    funded = {i for i, _ in bought}
    return not any(costs[i] + total <= budget_cents for i in buyable - funded)


def _add1(profile, costs, order, supported, budget_cents):
    """The add1 completion, as equalshares.net ("Completion") and pabutools
    (`voter_budget_increment=1`) define it: run the method with each voter's share
    budget / voters, then with one euro more each, two euros more, … and stop at the first
    outcome that is exhaustive (keep it) or that costs more than the real budget (keep the
    one before it).

    Not one run per euro: the run at share b also says up to which share b' every decision
    it made stays the same (`_Bound`). The steps below b' give the same ideas, so the
    step-by-step loop would pass them without stopping (neither exhaustive nor over
    budget); the next run is the first step at or above b'. When that one overspends, the
    step before it is kept: it lies below b', so it buys the same ideas, and is run once
    more for its own payments. Returns (the kept share, its purchases), in cents."""
    buyable = {i for i in supported if costs[i] > 0}
    first = Fraction(budget_cents, profile.voters)
    step, current = 0, first
    bound = _Bound(current)
    bought = _equal_shares_phase(profile, costs, order, current, bound=bound)
    while not _exhaustive(bought, costs, buyable, budget_cents):
        if bound.limit is None:
            # Unreachable: a non-exhaustive outcome leaves a supported idea unbought whose
            # supporters can pay for it at a large enough share, which is a decision that
            # changes. Stop rather than loop for ever.
            break
        ahead = max(step + 1, math.ceil((bound.limit - first) / ADD1_STEP_CENTS))
        share = first + ahead * ADD1_STEP_CENTS
        trial_bound = _Bound(share)
        trial = _equal_shares_phase(
            profile, costs, order, share, bound=trial_bound, spend_at_most=budget_cents
        )
        if sum(costs[i] for i, _ in trial) > budget_cents:
            if ahead > step + 1:
                kept = first + (ahead - 1) * ADD1_STEP_CENTS
                again = _equal_shares_phase(profile, costs, order, kept)
                if [i for i, _ in again] != [i for i, _ in bought]:
                    raise RuntimeError("add1: a skipped step bought other ideas")  # a bug
                return kept, again
            break
        step, current, bought, bound = ahead, share, trial, trial_bound
    return current, bought
