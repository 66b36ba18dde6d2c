"""Test helpers: replay the payments of an equal-shares result, and a plain
per-voter implementation of the method to check the optimised one against."""

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


def plain_equal_shares(ideas, ballots, budget):
    """The method as published, one voter at a time: [(idea id, ρ in euros)]."""
    ballots = [set(b) for b in ballots]
    if not ballots:
        return []
    left = [Fraction(budget) / len(ballots)] * len(ballots)
    votes = {idea.id: sum(idea.id in b for b in ballots) for idea in ideas}
    open_ = [idea for idea in ideas if votes[idea.id] and idea.cost > 0]
    bought = []
    while True:
        best = None
        for idea in open_:
            money = sorted(left[v] for v, b in enumerate(ballots) if idea.id in b)
            cost, paid, sharing, rho = Fraction(idea.cost), Fraction(0), len(money), None
            for m in money:
                if (cost - paid) / sharing <= m:
                    rho = (cost - paid) / sharing
                    break
                paid += m
                sharing -= 1
            if rho is None:
                continue
            key = (rho, -votes[idea.id], idea.cost, idea.submitted_at, idea.id)
            if best is None or key < best[0]:
                best = (key, idea)
        if best is None:
            return bought
        rho, idea = best[0][0], best[1]
        bought.append((idea.id, rho))
        open_.remove(idea)
        for v, b in enumerate(ballots):
            if idea.id in b:
                left[v] -= min(left[v], rho)
