"""Benchmark: counting a large Smederij election in pure Python, both methods.

    .venv/bin/python bench/election_counting.py [--ballots 20000] [--ideas 40] [--seed 6]

20,000 random ballots of one to five approvals over 40 ideas (some ideas far
more popular than others, as in real elections), costs between € 500 and
€ 7.500, a budget of about a third of what is asked. Prints the time each
method takes to count (the database part is bench/election.py). Target: well
under 2 seconds each.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=20_000)
    parser.add_argument("--ideas", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    options = parser.parse_args()

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
        )


if __name__ == "__main__":
    main()
