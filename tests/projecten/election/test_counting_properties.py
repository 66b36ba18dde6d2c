"""Properties of both counting methods over random ideas, ballots and budgets."""

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from projecten.election.counting import (
    COMPLETION_ADD1,
    COMPLETION_FROM_THE_TOP,
    COMPLETION_NONE,
    DOES_NOT_FIT,
    FUNDED_EQUAL_SHARES,
    NO_VOTES,
    Idea,
    count_equal_shares,
    count_from_the_top,
)
from tests.projecten.election.replay import plain_equal_shares, replay_payments

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
MAX_CHOICES = 5


@st.composite
def elections(draw, max_ideas=8, max_ballots=40):
    count = draw(st.integers(1, max_ideas))
    ideas = [
        Idea(
            id=index + 1,
            # Cents too, and equal amounts and times, so the tie rule is exercised.
            cost=Decimal(draw(st.integers(1, 400) | st.sampled_from([100, 250]))) / 4,
            submitted_at=T0 + timedelta(minutes=draw(st.integers(0, 3))),
        )
        for index in range(count)
    ]
    ids = [idea.id for idea in ideas]
    ballots = draw(
        st.lists(
            st.sets(st.sampled_from(ids), max_size=min(MAX_CHOICES, len(ids))),
            max_size=max_ballots,
        )
    )
    budget = Decimal(draw(st.integers(0, 1200))) / 2
    return ideas, ballots, budget


def tally(ideas, ballots):
    return {idea.id: sum(idea.id in ballot for ballot in ballots) for idea in ideas}


def total_funded(result):
    return sum((o.cost for o in result.outcomes if o.funded), Decimal(0))


@settings(max_examples=200, deadline=None)
@given(elections())
def test_the_funded_ideas_never_cost_more_than_the_budget(election):
    ideas, ballots, budget = election
    results = [
        count_from_the_top(ideas, tally(ideas, ballots), budget, len(ballots)),
        count_equal_shares(ideas, ballots, budget),
        count_equal_shares(ideas, ballots, budget, completion=COMPLETION_FROM_THE_TOP),
    ]
    for result in results:
        assert total_funded(result) == result.spent <= budget
        assert result.spent + result.left == budget
        assert sorted(o.id for o in result.outcomes) == sorted(idea.id for idea in ideas)
        assert all(o.votes > 0 for o in result.outcomes if o.funded)


@settings(max_examples=200, deadline=None)
@given(elections())
def test_from_the_top_passes_over_an_idea_only_when_it_did_not_fit_at_its_turn(election):
    ideas, ballots, budget = election
    votes = tally(ideas, ballots)
    result = count_from_the_top(ideas, votes, budget, len(ballots))

    counts = [o.votes for o in result.outcomes]
    assert counts == sorted(counts, reverse=True)
    left = budget
    fewest_funded = min((o.votes for o in result.outcomes if o.funded), default=None)
    for outcome in result.outcomes:
        if outcome.funded:
            assert outcome.cost <= left
            left -= outcome.cost
        elif outcome.votes == 0:
            assert outcome.reason == NO_VOTES
        else:
            assert outcome.reason == DOES_NOT_FIT
            assert outcome.cost > left  # skipped only when it did not fit then
            if fewest_funded is not None and outcome.votes > fewest_funded:
                assert outcome.cost > left
    assert left == result.left


@settings(max_examples=200, deadline=None)
@given(elections())
def test_in_the_equal_shares_phase_no_voter_pays_more_than_their_share(election):
    ideas, ballots, budget = election
    costs = {idea.id: Fraction(idea.cost) for idea in ideas}
    result = count_equal_shares(ideas, ballots, budget, completion=COMPLETION_FROM_THE_TOP)

    if not ballots:
        assert result.funded_ids == []
        return
    assert result.voter_budget == Fraction(budget) / len(ballots)
    left = replay_payments(ballots, result.voter_budget, result.rounds, costs)
    assert all(0 <= money <= result.voter_budget for money in left)
    bought = [o.id for o in result.outcomes if o.reason == FUNDED_EQUAL_SHARES]
    assert bought == [r.id for r in result.rounds]


@settings(max_examples=150, deadline=None)
@given(elections())
def test_add1_raises_each_share_but_never_overspends(election):
    ideas, ballots, budget = election
    costs = {idea.id: Fraction(idea.cost) for idea in ideas}
    result = count_equal_shares(ideas, ballots, budget, completion=COMPLETION_ADD1)

    if ballots:
        assert result.voter_budget >= Fraction(budget) / len(ballots)
        left = replay_payments(ballots, result.voter_budget, result.rounds, costs)
        assert all(money >= 0 for money in left)
    assert result.spent <= budget


@settings(max_examples=200, deadline=None)
@given(elections(max_ideas=6, max_ballots=25))
def test_the_optimised_method_matches_a_plain_per_voter_implementation(election):
    ideas, ballots, budget = election
    result = count_equal_shares(ideas, ballots, budget, completion=COMPLETION_NONE)

    expected = plain_equal_shares(ideas, ballots, budget)
    assert [(r.id, r.max_payment) for r in result.rounds] == expected


@settings(max_examples=150, deadline=None)
@given(elections(), st.integers(1, 30), st.data())
def test_when_everyone_approves_the_same_ideas_equal_shares_is_from_the_top(election, voters, data):
    ideas, _, budget = election
    ids = [idea.id for idea in ideas]
    shared = data.draw(st.sets(st.sampled_from(ids), max_size=min(MAX_CHOICES, len(ids))))
    ballots = [shared] * voters
    top = count_from_the_top(ideas, tally(ideas, ballots), budget, voters)

    for completion in (COMPLETION_ADD1, COMPLETION_FROM_THE_TOP):
        result = count_equal_shares(ideas, ballots, budget, completion=completion)
        assert result.funded_ids == top.funded_ids
        assert result.spent == top.spent


@settings(max_examples=100, deadline=None)
@given(elections(), st.randoms(use_true_random=False))
def test_counting_is_deterministic_whatever_the_order_of_the_ballots(election, rng: random.Random):
    ideas, ballots, budget = election
    shuffled = [set(ballot) for ballot in ballots]
    rng.shuffle(shuffled)
    shuffled_ideas = list(ideas)
    rng.shuffle(shuffled_ideas)

    assert count_equal_shares(ideas, ballots, budget) == count_equal_shares(ideas, ballots, budget)
    assert count_equal_shares(ideas, ballots, budget) == count_equal_shares(
        shuffled_ideas, shuffled, budget
    )
    votes = tally(ideas, ballots)
    assert count_from_the_top(ideas, votes, budget, len(ballots)) == count_from_the_top(
        shuffled_ideas, dict(reversed(list(votes.items()))), budget, len(ballots)
    )
