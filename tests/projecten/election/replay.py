"""Test helpers: replay the payments of an equal-shares result, and a plain, independent
implementation of the whole count (Equal Shares with cost utilities, add1 one euro at a
time, then from the top) to check the optimised one against.

Written from the published definition, not from projecten.election.counting: one voter
at a time, exact Fractions of a euro, no classes, no lazy evaluation, no jumps.
"""

from fractions import Fraction


def replay_payments(ballots, voter_budget, rounds, costs):
    """Each voter's money left after the rounds, paying min(left, ρ) each time;
    asserts that every purchase is paid in full by its supporters."""
    left = [Fraction(voter_budget)] * len(ballots)
    for purchase in rounds:
        paid = Fraction(0)
        for voter, ballot in enumerate(ballots):
            if purchase.id in ballot:
                payment = min(left[voter], purchase.max_payment)
                left[voter] -= payment
                paid += payment
        assert paid == costs[purchase.id], (purchase, paid)
    return left


def _votes(ideas, ballots):
    return {idea.id: sum(idea.id in b for b in ballots) for idea in ideas}


def plain_equal_shares(ideas, ballots, budget, voter_budget=None):
    """The method as published (Peters, Pierczyński & Skowron 2021, cost utilities: a
    supporter's utility for an idea is its cost), one voter at a time:
    [(idea id, most a supporter pays, in euros)].

    ρ of idea c: the smallest ρ with Σ_{i∈N_c} min(b_i, ρ·cost(c)) = cost(c); the idea
    with the smallest ρ is bought. Ties (equalshares.net): cheaper, then more votes, then
    the earlier submission, then the lower id."""
    ballots = [set(b) for b in ballots]
    if not ballots:
        return []
    if voter_budget is None:
        voter_budget = Fraction(budget) / len(ballots)
    left = [Fraction(voter_budget)] * len(ballots)
    votes = _votes(ideas, ballots)
    open_ = [idea for idea in ideas if votes[idea.id] and idea.cost > 0]
    bought = []
    while True:
        best = None
        for idea in open_:
            cost = Fraction(idea.cost)
            money = sorted(left[v] for v, b in enumerate(ballots) if idea.id in b)
            if sum(money) < cost:
                continue
            # Supporters that cannot pay the equal part pay all they have; the rest share.
            paid, payment = Fraction(0), None
            for index, m in enumerate(money):
                share = (cost - paid) / (len(money) - index)
                if share <= m:
                    payment = share
                    break
                paid += m
            rho = payment / cost  # payment = ρ · u_i(c) with u_i(c) = cost(c)
            key = (rho, idea.cost, -votes[idea.id], idea.submitted_at, idea.id)
            if best is None or key < best[0]:
                best = (key, idea, payment)
        if best is None:
            return bought
        _, idea, payment = best
        bought.append((idea.id, payment))
        open_.remove(idea)
        for v, b in enumerate(ballots):
            if idea.id in b:
                left[v] -= min(left[v], payment)


def plain_count(ideas, ballots, budget):
    """The whole count, step by step: Equal Shares at budget / voters; while some idea with
    votes and a cost still fits next to the outcome, again with one euro more per voter,
    keeping the last outcome that fits the budget; then what is left from the top (most
    votes first; then fewer euros, earlier, lower id). Returns (funded ids in the order
    funded, the per-voter budget of the kept run)."""
    ballots = [set(b) for b in ballots]
    budget = Fraction(budget)
    if not ballots:
        return [], None
    votes = _votes(ideas, ballots)
    cost = {idea.id: Fraction(idea.cost) for idea in ideas}
    share = budget / len(ballots)
    outcome = [i for i, _ in plain_equal_shares(ideas, ballots, budget, share)]
    while True:
        total = sum(cost[i] for i in outcome)
        if not any(
            votes[i] and cost[i] > 0 and i not in outcome and total + cost[i] <= budget
            for i in cost
        ):
            break
        trial = [i for i, _ in plain_equal_shares(ideas, ballots, budget, share + 1)]
        if sum(cost[i] for i in trial) > budget:
            break
        share, outcome = share + 1, trial
    left = budget - sum(cost[i] for i in outcome)
    funded = list(outcome)
    for idea in sorted(ideas, key=lambda i: (-votes[i.id], i.cost, i.submitted_at, i.id)):
        if votes[idea.id] and idea.id not in funded and cost[idea.id] <= left:
            left -= cost[idea.id]
            funded.append(idea.id)
    return funded, share
