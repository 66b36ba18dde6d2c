"""Counting "from the top": by votes, each idea funded while it fits, with the stated tie rule."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from projecten.election.counting import DOES_NOT_FIT, FUNDED, NO_VOTES, Idea, count_from_the_top

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def idea(id_, cost, minutes=0):
    return Idea(id=id_, cost=Decimal(cost), submitted_at=T0 + timedelta(minutes=minutes))


def test_ideas_are_funded_by_votes_while_the_budget_lasts():
    ideas = [idea(1, 400, 1), idea(2, 300, 2), idea(3, 200, 3)]
    result = count_from_the_top(ideas, {1: 50, 2: 40, 3: 30}, Decimal(700), voters=60)

    assert [(o.id, o.funded, o.reason) for o in result.outcomes] == [
        (1, True, FUNDED),
        (2, True, FUNDED),
        (3, False, DOES_NOT_FIT),
    ]
    assert (result.spent, result.left, result.voters) == (Decimal("700.00"), Decimal("0.00"), 60)


def test_an_idea_that_no_longer_fits_is_skipped_and_the_next_that_fits_is_funded():
    ideas = [idea(1, 600), idea(2, 500), idea(3, 300), idea(4, 100)]
    result = count_from_the_top(ideas, {1: 90, 2: 80, 3: 70, 4: 60}, Decimal(1000), voters=100)

    assert result.funded_ids == [1, 3, 4]
    assert {o.id: o.reason for o in result.outcomes}[2] == DOES_NOT_FIT
    assert result.left == Decimal("0.00")


def test_ideas_without_votes_are_not_funded_even_when_money_is_left():
    result = count_from_the_top([idea(1, 100), idea(2, 50)], {1: 3}, Decimal(1000), voters=3)

    assert result.funded_ids == [1]
    assert result.outcomes[-1].reason == NO_VOTES
    assert result.outcomes[-1].votes == 0


def test_on_equal_votes_the_cheaper_idea_comes_first():
    ideas = [idea(1, 600, 1), idea(2, 500, 2)]
    result = count_from_the_top(ideas, {1: 10, 2: 10}, Decimal(600), voters=20)

    assert [o.id for o in result.outcomes] == [2, 1]
    assert result.funded_ids == [2]


def test_on_equal_votes_and_amount_the_earlier_submission_comes_first():
    ideas = [idea(1, 500, minutes=30), idea(2, 500, minutes=10)]
    result = count_from_the_top(ideas, {1: 10, 2: 10}, Decimal(500), voters=20)

    assert result.funded_ids == [2]


def test_on_equal_votes_amount_and_submission_the_lower_id_comes_first():
    ideas = [idea(7, 500), idea(3, 500)]
    result = count_from_the_top(ideas, {7: 10, 3: 10}, Decimal(500), voters=20)

    assert result.funded_ids == [3]


def test_krakeel_fourteen_ideas_top_ten_funded():
    ideas = [idea(i, 1000, i) for i in range(1, 15)]
    votes = {i: 300 - 20 * i for i in range(1, 15)}
    result = count_from_the_top(ideas, votes, Decimal(10000), voters=255)

    assert result.funded_ids == list(range(1, 11))
    assert result.spent == Decimal("10000.00")


def test_cents_are_counted_exactly():
    ideas = [idea(1, "0.10"), idea(2, "0.20"), idea(3, "0.05")]
    result = count_from_the_top(ideas, {1: 3, 2: 2, 3: 1}, Decimal("0.30"), voters=3)

    assert result.funded_ids == [1, 2]
    assert result.left == Decimal("0.00")


def test_amounts_with_fractions_of_a_cent_are_refused():
    with pytest.raises(ValueError):
        count_from_the_top([idea(1, "10.005")], {1: 1}, Decimal(100), voters=1)


def test_an_idea_listed_twice_is_refused():
    with pytest.raises(ValueError):
        count_from_the_top([idea(1, 10), idea(1, 10)], {1: 1}, Decimal(100), voters=1)
