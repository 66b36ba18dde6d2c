"""The Method of Equal Shares, against published worked examples and small cases by hand.

Published examples: Lackner & Skowron, "Multi-Winner Voting with Approval
Preferences" (Springer 2023), Examples 11 and 12, whose computations the
abcvoting package prints (tests/expected_output/test_abcbook_example1{1,2}_py).
A committee of k is participatory budgeting with every cost 1 and budget k; with
equal costs, cost utilities and unit utilities choose alike, so these hold for both.
The cases by hand where the costs differ are where the two part ways: Equal Shares
as the cities count it (equalshares.net, pabutools with Cost_Sat) compares ρ per
euro of the idea's cost, i.e. the effective vote count cost / max payment.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from projecten.election.counting import (
    COMPLETION_ADD1,
    COMPLETION_FROM_THE_TOP,
    COMPLETION_NONE,
    DOES_NOT_FIT,
    EQUAL_SHARES,
    FUNDED_EQUAL_SHARES,
    FUNDED_FROM_THE_TOP,
    NO_VOTES,
    EqualSharesRound,
    Idea,
    count_equal_shares,
    count_from_the_top,
)
from tests.projecten.election.replay import replay_payments

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def ideas_costing(cost, ids):
    return [Idea(id=i, cost=Decimal(cost), submitted_at=T0 + timedelta(minutes=i)) for i in ids]


A, B, C, D, E, F, G, H = range(1, 9)


def test_book_example_12_buys_c_then_a_at_the_published_payments():
    # 8 voters: 3 x {c, d}, 2 x {a, b}, 2 x {a, c}, 1 x {b, d}; committee of 3.
    ballots = [{C, D}] * 3 + [{A, B}] * 2 + [{A, C}] * 2 + [{B, D}]
    ideas = ideas_costing(1, [A, B, C, D])

    result = count_equal_shares(ideas, ballots, Decimal(3), completion=COMPLETION_NONE)

    assert result.voter_budget == Fraction(3, 8)
    assert result.rounds == (
        EqualSharesRound(C, Fraction(1, 5), Fraction(5)),
        EqualSharesRound(A, Fraction(13, 40), Fraction(40, 13)),
    )
    left = replay_payments(ballots, result.voter_budget, result.rounds, {A: 1, C: 1})
    f = Fraction
    assert left == [f(7, 40)] * 3 + [f(1, 20)] * 2 + [f(0)] * 2 + [f(3, 8)]


def test_book_example_12_completed_from_the_top_adds_d():
    ballots = [{C, D}] * 3 + [{A, B}] * 2 + [{A, C}] * 2 + [{B, D}]
    result = count_equal_shares(ideas_costing(1, [A, B, C, D]), ballots, Decimal(3))

    # d and b both have 4 and 3 votes: d (4 votes) is first in line for the
    # euro that is left; the book's Phragmén completion also adds d.
    assert result.funded_ids == [C, A, D]
    assert [o.reason for o in result.outcomes] == [
        FUNDED_EQUAL_SHARES,
        FUNDED_EQUAL_SHARES,
        FUNDED_FROM_THE_TOP,
        DOES_NOT_FIT,
    ]
    assert result.spent == Decimal("3.00")


def test_book_example_11_buys_only_a_at_one_eighth():
    # 12 voters: 3 x {a, b}, 3 x {a, c}, 2 x {a, d}, {b, c, f}, {e}, {f}, {g}; committee of 4.
    ballots = [{A, B}] * 3 + [{A, C}] * 3 + [{A, D}] * 2 + [{B, C, F}, {E}, {F}, {G}]
    ideas = ideas_costing(1, [A, B, C, D, E, F, G, H])

    bare = count_equal_shares(ideas, ballots, Decimal(4), completion=COMPLETION_NONE)
    assert bare.voter_budget == Fraction(1, 3)
    assert bare.rounds == (EqualSharesRound(A, Fraction(1, 8), Fraction(8)),)
    left = replay_payments(ballots, bare.voter_budget, bare.rounds, {A: 1})
    assert left == [Fraction(5, 24)] * 8 + [Fraction(1, 3)] * 4

    # Completed, it gives the book's committee {a, b, c, d}: b and c have 4
    # votes, then d and f tie on 2 votes and cost, d was submitted earlier.
    completed = count_equal_shares(ideas, ballots, Decimal(4))
    assert completed.funded_ids == [A, B, C, D]
    assert {o.id: o.reason for o in completed.outcomes}[H] == NO_VOTES


def test_a_third_of_the_voters_decides_over_a_third_of_the_money():
    # 30 voters want A1..A3, 60 want B1..B6, all € 100; € 600 buys six.
    a_ideas, b_ideas = [1, 2, 3], [4, 5, 6, 7, 8, 9]
    ballots = [set(a_ideas)] * 30 + [set(b_ideas)] * 60
    ideas = ideas_costing(100, a_ideas + b_ideas)

    equal_shares = count_equal_shares(ideas, ballots, Decimal(600))
    from_the_top = count_from_the_top(
        ideas, {i: 30 if i in a_ideas else 60 for i in a_ideas + b_ideas}, Decimal(600), 90
    )

    assert sorted(equal_shares.funded_ids) == [1, 2, 4, 5, 6, 7]
    assert all(o.reason == FUNDED_EQUAL_SHARES for o in equal_shares.outcomes if o.funded)
    assert from_the_top.funded_ids == b_ideas
    assert equal_shares.method == EQUAL_SHARES


def test_with_money_for_all_both_methods_fund_everything():
    a_ideas, b_ideas = [1, 2, 3], [4, 5, 6, 7, 8, 9]
    ballots = [set(a_ideas)] * 30 + [set(b_ideas)] * 60
    result = count_equal_shares(ideas_costing(100, a_ideas + b_ideas), ballots, Decimal(900))

    assert sorted(result.funded_ids) == a_ideas + b_ideas
    assert result.left == Decimal("0.00")


def cost_versus_unit_case():
    # 10 voters, € 100, € 10 each. A (€ 60) is wanted by six, B (€ 30) by four of those
    # six, C (€ 50) by the other four.
    ideas = [
        Idea(A, Decimal(60), T0),
        Idea(B, Decimal(30), T0 + timedelta(minutes=1)),
        Idea(C, Decimal(50), T0 + timedelta(minutes=2)),
    ]
    return ideas, [{A, B}] * 4 + [{A}] * 2 + [{C}] * 4


def test_equal_shares_buys_by_effective_votes_not_by_the_smallest_payment():
    # A: six pay € 10 each, ρ = 10/60, effective votes 6. B: four pay € 7,50, ρ = 7,5/30,
    # effective votes 4. Unit utilities would buy B first (€ 7,50 < € 10) and then A no
    # longer; with cost utilities A goes first and B's supporters have nothing left.
    # C would need € 12,50 from each of its four: not affordable at € 10.
    ideas, ballots = cost_versus_unit_case()

    result = count_equal_shares(ideas, ballots, Decimal(100), completion=COMPLETION_NONE)

    assert result.rounds == (EqualSharesRound(A, Fraction(10), Fraction(6)),)
    assert result.funded_ids == [A]


def test_add1_keeps_the_last_share_that_fits_then_fills_from_the_top():
    # At € 11 and € 12 each: A again, and C (€ 12,50 a supporter) still out of reach.
    # At € 13 each C is bought after A: € 110, over the budget, so the run at € 12 is kept.
    # From the top then funds B (4 votes, € 30, before C's € 50 on equal votes): € 90.
    # (Unit utilities would end at € 13 with B and C, € 80, and A not funded.)
    ideas, ballots = cost_versus_unit_case()

    result = count_equal_shares(ideas, ballots, Decimal(100))

    assert [(o.id, o.reason) for o in result.outcomes] == [
        (A, FUNDED_EQUAL_SHARES),
        (B, FUNDED_FROM_THE_TOP),
        (C, DOES_NOT_FIT),
    ]
    assert result.voter_budget == Fraction(12)
    assert result.rounds == (EqualSharesRound(A, Fraction(10), Fraction(6)),)
    assert (result.spent, result.left) == (Decimal("90.00"), Decimal("10.00"))


def test_add1_starts_from_the_exact_share_not_from_whole_euros():
    # € 100 over 3 voters: € 33,33… each, then € 34,33…, € 35,33…
    # Two want X (€ 70: € 35 each), one wants Y (€ 30). At € 33,33 only Y is bought
    # (X needs € 35 each); at € 34,33 still only Y; at € 35,33 X as well: € 100, which fits
    # and is exhaustive. Starting from whole euros (€ 34, € 35) would keep € 35 instead.
    ideas = [Idea(1, Decimal(70), T0), Idea(2, Decimal(30), T0)]
    ballots = [{1}, {1}, {2}]

    result = count_equal_shares(ideas, ballots, Decimal(100))

    assert result.voter_budget == Fraction(100, 3) + 2
    assert sorted(result.funded_ids) == [1, 2]
    assert all(o.reason == FUNDED_EQUAL_SHARES for o in result.outcomes)


def add1_case():
    # 10 voters, € 100: six want A1 (€ 50) and A2 (€ 20), four want B1 (€ 41).
    ideas = [
        Idea(1, Decimal(50), T0),
        Idea(2, Decimal(20), T0 + timedelta(minutes=1)),
        Idea(3, Decimal(41), T0 + timedelta(minutes=2)),
    ]
    return ideas, [{1, 2}] * 6 + [{3}] * 4


def test_add1_gives_the_smaller_group_its_idea_where_plain_completion_does_not():
    # With € 10 each: A1 and A2 tie on effective votes (six each), the cheaper A2 is
    # bought (€ 3,33 each); A1 then needs 8,33 from six voters with 6,67 left, B1 needs
    # 10,25 from four with 10: nothing more.
    # From the top then funds A1 (six votes) and B1 no longer fits.
    # add1 at € 11 each: A2 again, and B1 (four voters with 11 > 10,25) is
    # bought too; € 61 fits, and A1 (€ 50) no longer fits next to it.
    ideas, ballots = add1_case()

    plain = count_equal_shares(ideas, ballots, Decimal(100), completion=COMPLETION_FROM_THE_TOP)
    add1 = count_equal_shares(ideas, ballots, Decimal(100), completion=COMPLETION_ADD1)

    assert [(o.id, o.reason) for o in plain.outcomes if o.funded] == [
        (2, FUNDED_EQUAL_SHARES),
        (1, FUNDED_FROM_THE_TOP),
    ]
    assert [(o.id, o.reason) for o in add1.outcomes if o.funded] == [
        (2, FUNDED_EQUAL_SHARES),
        (3, FUNDED_EQUAL_SHARES),
    ]
    assert add1.voter_budget == Fraction(11)
    assert (add1.spent, add1.left) == (Decimal("61.00"), Decimal("39.00"))


def test_on_an_equal_effective_vote_count_the_cheaper_idea_goes_first():
    # Both have four supporters who can pay an equal part: ρ = 1/4 for both (effective
    # votes 4). equalshares.net breaks the tie by the lower cost: € 30 before € 40.
    ideas = [Idea(1, Decimal(40), T0), Idea(2, Decimal(30), T0 + timedelta(minutes=1))]
    ballots = [{1, 2}] * 4
    result = count_equal_shares(ideas, ballots, Decimal(70), completion=COMPLETION_NONE)

    assert [r.id for r in result.rounds] == [2, 1]
    assert [r.effective_votes for r in result.rounds] == [Fraction(4), Fraction(4)]


def test_no_ballots_funds_nothing():
    result = count_equal_shares(ideas_costing(10, [1, 2]), [], Decimal(100))

    assert result.funded_ids == []
    assert result.voters == 0
    assert result.left == Decimal("100.00")


def test_a_ballot_for_an_idea_not_on_the_ballot_is_refused():
    with pytest.raises(ValueError):
        count_equal_shares(ideas_costing(10, [1]), [{1, 99}], Decimal(100))


def test_an_unknown_completion_is_refused():
    with pytest.raises(ValueError):
        count_equal_shares(ideas_costing(10, [1]), [{1}], Decimal(100), completion="phragmen")
