"""Properties of both counting methods over random ideas, ballots and budgets."""

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from projecten.election import counting
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
from tests.projecten.election.replay import plain_count, plain_equal_shares, replay_payments

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


@st.composite
def rich_elections(draw):
    """Few voters with a large share each and some expensive ideas: where add1 takes many
    steps of a euro (the case the completion jumps over)."""
    count = draw(st.integers(1, 6))
    ideas = [
        Idea(
            id=index + 1,
            cost=Decimal(draw(st.integers(1, 400) | st.sampled_from([500, 1000]))) * 20,
            submitted_at=T0 + timedelta(minutes=draw(st.integers(0, 2))),
        )
        for index in range(count)
    ]
    ids = [idea.id for idea in ideas]
    ballots = draw(
        st.lists(st.sets(st.sampled_from(ids), max_size=min(3, len(ids))), min_size=1, max_size=12)
    )
    budget = Decimal(draw(st.integers(1, 2000))) * 10
    return ideas, ballots, budget


def add1_one_euro_a_step(ideas, ballots, budget):
    """The literal add1 loop over the same method: one run per euro per voter."""
    profile = counting._Profile(ideas, ballots)
    costs = {idea.id: counting._cents(idea.cost) for idea in ideas}
    order = {idea.id: counting.equal_shares_order(idea, profile.votes[idea.id]) for idea in ideas}
    cents = counting._cents(budget)
    buyable = {i for i in costs if profile.votes[i] and costs[i] > 0}
    share = Fraction(cents, profile.voters)
    bought = counting._equal_shares_phase(profile, costs, order, share)
    while not counting._exhaustive(bought, costs, buyable, cents):
        trial = counting._equal_shares_phase(profile, costs, order, share + 100)
        if sum(costs[i] for i, _ in trial) > cents:
            break
        share, bought = share + 100, trial
    return share, bought


def fast_add1(ideas, ballots, budget):
    profile = counting._Profile(ideas, ballots)
    costs = {idea.id: counting._cents(idea.cost) for idea in ideas}
    order = {idea.id: counting.equal_shares_order(idea, profile.votes[idea.id]) for idea in ideas}
    supported = {i for i in costs if profile.votes[i]}
    return counting._add1(profile, costs, order, supported, counting._cents(budget))


@seed(20251201)
@settings(max_examples=150, deadline=None)
@given(elections() | rich_elections())
def test_the_fast_add1_equals_the_one_euro_a_step_loop(election):
    ideas, ballots, budget = election
    if not ballots:
        return
    assert fast_add1(ideas, ballots, budget) == add1_one_euro_a_step(ideas, ballots, budget)


@seed(20251202)
@settings(max_examples=150, deadline=None)
@given(elections(max_ideas=6, max_ballots=25) | rich_elections())
def test_the_count_equals_an_independent_plain_implementation(election):
    ideas, ballots, budget = election
    result = count_equal_shares(ideas, ballots, budget)

    funded, share = plain_count(ideas, ballots, budget)
    assert result.funded_ids == funded
    assert result.voter_budget == share
