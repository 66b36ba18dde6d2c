"""Benchmark: counting Smederij elections in pure Python, both methods.

    .venv/bin/python bench/election_counting.py [--ballots 20000] [--ideas 40] [--seed 6]
    .venv/bin/python bench/election_counting.py --ballots 100000 --ideas 100
    .venv/bin/python bench/election_counting.py --small [--stepwise]

The large case: random ballots of one to five approvals (some ideas far more popular
than others, as in real elections), costs between € 500 and € 7.500, a budget of about
a third of what is asked. Target: up to 100,000 ballots and 100 ideas under 10 s.

`--small`: the elections where add1 one euro at a time ran Equal Shares thousands of
times (few voters, a large share each, one expensive idea backed by a handful); target
under 1 s each. `--stepwise` also times the literal one-euro-a-step loop, for comparison.
Prints CPU seconds (the database part is bench/election.py).
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from projecten.election import counting
from projecten.election.counting import (
    COMPLETION_ADD1,
    COMPLETION_FROM_THE_TOP,
    Idea,
    count_equal_shares,
    count_from_the_top,
)


def make_election(*, ideas: int, ballots: int, seed: int):
    rng = random.Random(seed)
    start = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    made = [
        Idea(
            id=index + 1,
            cost=Decimal(rng.randrange(500, 7501, 25)),
            submitted_at=start + timedelta(minutes=index),
        )
        for index in range(ideas)
    ]
    popularity = [rng.uniform(0.2, 5.0) for _ in made]
    ids = [idea.id for idea in made]
    cast = []
    for _ in range(ballots):
        size = rng.randint(1, 5)
        choice: set[int] = set()
        while len(choice) < size:
            choice.add(rng.choices(ids, weights=popularity)[0])
        cast.append(choice)
    budget = (sum(idea.cost for idea in made) / 3).quantize(Decimal("1"))
    return made, cast, budget


def small_election(*, voters: int, budget: int, big: int, backers: int):
    """`backers` voters want one idea of € `big`; the others share five ideas between
    € 2.900 and € 5.700 (two approvals each)."""
    start = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    made = [Idea(1, Decimal(big), start)] + [
        Idea(i, Decimal(1500 + 700 * i), start + timedelta(minutes=i)) for i in range(2, 7)
    ]
    cast = [{1}] * backers + [{2 + v % 5, 2 + (v + 1) % 5} for v in range(voters - backers)]
    return made, cast, Decimal(budget)


def add1_stepwise(ideas, ballots, budget):
    """The literal add1 loop: one run of the method per euro per voter."""
    profile = counting._Profile(ideas, ballots)
    costs = {idea.id: counting._cents(idea.cost) for idea in ideas}
    order = {idea.id: counting.equal_shares_order(idea, profile.votes[idea.id]) for idea in ideas}
    cents = counting._cents(budget)
    buyable = {i for i in costs if profile.votes[i] and costs[i] > 0}
    share = counting.Fraction(cents, profile.voters)
    bought = counting._equal_shares_phase(profile, costs, order, share)
    runs = 1
    while not counting._exhaustive(bought, costs, buyable, cents):
        trial = counting._equal_shares_phase(profile, costs, order, share + 100)
        runs += 1
        if sum(costs[i] for i, _ in trial) > cents:
            break
        share, bought = share + 100, trial
    return runs


def timed(function, *args, **kwargs):
    started = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - started


def small(stepwise: bool) -> None:
    cases = [
        {"voters": 60, "budget": 50_000, "big": 20_000, "backers": 3},
        {"voters": 20, "budget": 70_000, "big": 40_000, "backers": 3},
    ]
    for case in cases:
        ideas, ballots, budget = small_election(**case)
        result, seconds = timed(count_equal_shares, ideas, ballots, budget)
        line = (
            f"{case['voters']} voters, € {budget}, one € {case['big']} idea of "
            f"{case['backers']}: equal shares + add1 {seconds:6.3f} s, "
            f"share € {float(result.voter_budget):.2f}, funded {result.funded_ids}"
        )
        if stepwise:
            runs, slow = timed(add1_stepwise, ideas, ballots, budget)
            line += f"; one euro a step: {runs} runs, {slow:6.2f} s"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=20_000)
    parser.add_argument("--ideas", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--stepwise", action="store_true")
    options = parser.parse_args()
    if options.small:
        small(options.stepwise)
        return

    ideas, ballots, budget = make_election(
        ideas=options.ideas, ballots=options.ballots, seed=options.seed
    )
    print(f"ideas: {len(ideas)}, ballots: {len(ballots)}, budget: € {budget}")

    def tally():
        votes: dict[int, int] = {}
        for ballot in ballots:
            for idea_id in ballot:
                votes[idea_id] = votes.get(idea_id, 0) + 1
        return count_from_the_top(ideas, votes, budget, len(ballots))

    runs = [
        ("from the top (tally + count)", tally, {}),
        ("equal shares, add1 + from the top", count_equal_shares, {"completion": COMPLETION_ADD1}),
        (
            "equal shares, from the top only",
            count_equal_shares,
            {"completion": COMPLETION_FROM_THE_TOP},
        ),
    ]
    for label, function, options_ in runs:
        if function is tally:
            result, seconds = timed(tally)
        else:
            result, seconds = timed(function, ideas, ballots, budget, **options_)
        print(
            f"{label:36} {seconds:7.3f} s  funded {len(result.funded_ids):2} ideas, "
            f"spent € {result.spent}, left € {result.left}"
            + (
                f", share € {float(result.voter_budget):.2f}"
                if result.voter_budget is not None
                else ""
            )
        )


if __name__ == "__main__":
    main()
