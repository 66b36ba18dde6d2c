"""Paper ballots of the evening: two members enter the tally; it counts only when they agree."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projecten.election import services
from projecten.errors import ProposalError
from projecten.models import FundingStatus, PaperTallyEntry
from tests import factories

from .conftest import close_and_count, voters

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper_round(open_round):
    open_round.counts_paper = True
    open_round.save()
    return open_round


@pytest.fixture
def second_member(smederij):
    return factories.InitiatiefgroepMembershipFactory(
        smederij=smederij, user=factories.ResidentFactory(home_area=smederij.area)
    ).user


def enter(election_round, member, ideas, figures, ballots=10):
    return services.paper_tally_enter(
        election_round=election_round,
        actor=member,
        ballots_handed_in=ballots,
        votes={idea.pk: n for idea, n in zip(ideas, figures, strict=True)},
    )


def test_two_agreeing_entries_make_the_tally_count(
    paper_round, ideas, initiatiefgroep_member, second_member
):
    enter(paper_round, initiatiefgroep_member, ideas, [7, 5, 2])
    assert not services.paper_tally(paper_round).agreed
    enter(paper_round, second_member, ideas, [7, 5, 2])
    tally = services.paper_tally(paper_round)
    assert tally.agreed
    assert tally.ballots_handed_in == 10
    assert tally.votes == {ideas[0].pk: 7, ideas[1].pk: 5, ideas[2].pk: 2}


def test_disagreeing_entries_show_the_difference_per_idea(
    paper_round, ideas, initiatiefgroep_member, second_member
):
    enter(paper_round, initiatiefgroep_member, ideas, [7, 5, 2])
    enter(paper_round, second_member, ideas, [7, 4, 2], ballots=11)
    tally = services.paper_tally(paper_round)
    assert not tally.agreed
    assert tally.differences == {ideas[1].pk: [5, 4]}
    assert tally.ballots_differ


def test_entering_again_replaces_only_ones_own_entry(
    paper_round, ideas, initiatiefgroep_member, second_member
):
    enter(paper_round, initiatiefgroep_member, ideas, [7, 5, 2])
    enter(paper_round, second_member, ideas, [7, 4, 2])
    enter(paper_round, second_member, ideas, [7, 5, 2])
    assert PaperTallyEntry.objects.count() == 2
    assert services.paper_tally(paper_round).agreed


def test_one_member_twice_is_not_two_entries(paper_round, ideas, initiatiefgroep_member):
    enter(paper_round, initiatiefgroep_member, ideas, [7, 5, 2])
    enter(paper_round, initiatiefgroep_member, ideas, [7, 5, 2])
    assert not services.paper_tally(paper_round).agreed


@pytest.mark.parametrize("role", ["resident", "professional"])
def test_only_initiatiefgroep_members_and_the_gebiedsregisseur_enter_the_tally(
    paper_round, ideas, role, request
):
    with pytest.raises(PermissionDenied):
        enter(paper_round, request.getfixturevalue(role), ideas, [1, 1, 1])


def test_a_member_and_the_gebiedsregisseur_together_make_the_double_entry(
    paper_round, ideas, initiatiefgroep_member, gebiedsregisseur
):
    """DESIGN.md: the gebiedsregisseur enters paper ballots; the evening is the initiatiefgroep's.
    Any two different people of them make the entries that must agree."""
    enter(paper_round, initiatiefgroep_member, ideas, [7, 5, 2])
    enter(paper_round, gebiedsregisseur, ideas, [7, 5, 2])
    assert services.paper_tally(paper_round).agreed


def test_member_of_another_smederij_cannot_enter(paper_round, ideas, other_smederij):
    member = factories.InitiatiefgroepMembershipFactory(smederij=other_smederij).user
    with pytest.raises(PermissionDenied):
        enter(paper_round, member, ideas, [1, 1, 1])


def test_round_without_paper_refuses_a_tally(open_round, ideas, initiatiefgroep_member):
    with pytest.raises(ProposalError):
        enter(open_round, initiatiefgroep_member, ideas, [1, 1, 1])


def test_tally_needs_every_idea_and_sane_figures(paper_round, ideas, initiatiefgroep_member):
    with pytest.raises(ValidationError):
        enter(paper_round, initiatiefgroep_member, ideas[:2], [1, 1])
    with pytest.raises(ValidationError):
        enter(paper_round, initiatiefgroep_member, ideas, [11, 0, 0])  # more votes than ballots
    with pytest.raises(ValidationError):
        enter(paper_round, initiatiefgroep_member, ideas, [3, 3, 3], ballots=1)


def test_close_waits_for_an_agreed_tally_then_counts_paper_and_online(
    paper_round, ideas, smederij, initiatiefgroep_member, second_member, time_machine, share
):
    (voter,) = voters(smederij, 1)
    services.ballot_cast(
        election_round=paper_round, actor=voter, idea_ids=[ideas[2].pk], age_confirmed=True
    )
    enter(paper_round, initiatiefgroep_member, ideas, [1, 4, 0], ballots=4)
    time_machine.move_to(paper_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    paper_round.refresh_from_db()
    assert paper_round.closed_at is not None
    assert paper_round.counted_at is None
    assert paper_round.funding_status == FundingStatus.WAITING_FOR_PAPER

    enter(paper_round, second_member, ideas, [1, 4, 0], ballots=4)
    close_and_count()
    paper_round.refresh_from_db()
    assert paper_round.counted_at is not None
    assert paper_round.online_voters == 1
    assert paper_round.paper_voters == 4
    votes = {i.pk: i.votes for i in paper_round.ideas.all()}
    assert votes == {ideas[0].pk: 1, ideas[1].pk: 4, ideas[2].pk: 1}
    assert paper_round.spent == Decimal("4500.00")


def test_tally_is_final_after_the_count(
    paper_round, ideas, initiatiefgroep_member, second_member, time_machine, share
):
    enter(paper_round, initiatiefgroep_member, ideas, [1, 1, 1])
    enter(paper_round, second_member, ideas, [1, 1, 1])
    time_machine.move_to(paper_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    with pytest.raises(ProposalError):
        enter(paper_round, second_member, ideas, [2, 1, 1])
