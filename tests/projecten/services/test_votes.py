"""The assessment vote: opening, who may vote, casting and changing, closing and the result."""

# The fixtures imported from tests.projecten.votes_fixtures are parameters of the tests.
# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from projecten.errors import ProposalError
from projecten.models import (
    AssessmentVote,
    DecisionMethod,
    EventKind,
    ProposalStatus,
    VoteBody,
    VoteCast,
    VoteOutcome,
)
from projecten.proposals.services import proposal_withdraw
from projecten.votes.selectors import vote_eligible_voters
from projecten.votes.services import vote_cast, vote_close, vote_close_if_complete, vote_open
from tests import factories
from tests.projecten.votes_fixtures import (  # noqa: F401 (fixtures)
    CLOSES,
    START,
    clock,
    in_review,
    lange_in_review,
    member,
    voters,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def open_vote(proposal, actor, closes_at=CLOSES, **kwargs):
    return vote_open(proposal=proposal, actor=actor, closes_at=closes_at, **kwargs)


# --- opening ------------------------------------------------------------------------------------


def test_gebiedsregisseur_opens_the_initiatiefgroep_vote_and_the_voters_are_emailed(
    in_review, gebiedsregisseur, voters, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vote = open_vote(in_review, gebiedsregisseur)

    in_review.refresh_from_db()
    assert in_review.status == ProposalStatus.DECIDING
    assert vote.body == VoteBody.INITIATIEFGROEP
    assert vote.quorum == Decimal("0.50")
    assert vote.opened_by == gebiedsregisseur
    assert in_review.events.filter(kind=EventKind.VOTE, actor=gebiedsregisseur).exists()
    assert in_review.events.filter(kind=EventKind.STATUS, to_status="deciding").exists()
    addresses = {v.email for v in voters}
    voter_mails = [m for m in mail.outbox if addresses & set(m.to)]
    # One email each: the voters never see each other's addresses.
    assert sorted(m.to[0] for m in voter_mails) == sorted(addresses)
    assert all(len(m.to) == 1 for m in voter_mails)
    assert f"/voorstellen/stemmingen/{vote.pk}/" in voter_mails[0].body
    assert "8 maart 2013, 12:00" in voter_mails[0].body


def test_lange_klap_goes_on_the_stuurgroep_agenda_even_in_an_election_smederij(
    lange_in_review, gebiedsregisseur, stuurgroep_member, smederij
):
    DecisionMethod.objects.create(smederij=smederij, year=2013, method="election")
    vote = open_vote(lange_in_review, gebiedsregisseur)
    assert vote.body == VoteBody.STUURGROEP
    assert list(vote_eligible_voters(vote)) == [stuurgroep_member]


@pytest.mark.parametrize("role", ["professional", "initiatiefgroep_member", "stuurgroep_member"])
def test_opening_refused_for_anyone_but_the_gebiedsregisseur(in_review, role, request):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        open_vote(in_review, actor)
    assert not AssessmentVote.objects.exists()


def test_opening_refused_for_the_gebiedsregisseur_of_another_wijkteam(in_review, other_smederij):
    other = factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user
    with pytest.raises(PermissionDenied):
        open_vote(in_review, other)


def test_opening_refused_in_an_election_smederij(in_review, gebiedsregisseur, smederij):
    DecisionMethod.objects.create(smederij=smederij, year=2013, method="election")
    with pytest.raises(ValidationError) as error:
        open_vote(in_review, gebiedsregisseur)
    assert error.value.code == "election"
    in_review.refresh_from_db()
    assert in_review.status == ProposalStatus.IN_REVIEW


@pytest.mark.parametrize("closes_at", [START - HOUR, START, START + datetime.timedelta(minutes=59)])
def test_opening_refused_with_a_closing_moment_in_the_past_or_within_an_hour(
    in_review, gebiedsregisseur, closes_at
):
    with pytest.raises(ValidationError) as error:
        open_vote(in_review, gebiedsregisseur, closes_at=closes_at)
    assert error.value.error_dict["closes_at"][0].code == "too_soon"
    assert not AssessmentVote.objects.exists()


def test_opening_allowed_exactly_an_hour_ahead(in_review, gebiedsregisseur):
    assert open_vote(in_review, gebiedsregisseur, closes_at=START + HOUR).closes_at == START + HOUR


def test_a_second_open_vote_is_refused(in_review, gebiedsregisseur):
    open_vote(in_review, gebiedsregisseur)
    with pytest.raises(ValidationError) as error:
        open_vote(in_review, gebiedsregisseur)
    assert error.value.code == "already_open"
    assert AssessmentVote.objects.count() == 1


def test_the_database_refuses_two_open_votes_on_one_proposal(in_review, gebiedsregisseur):
    open_vote(in_review, gebiedsregisseur)
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentVote.objects.create(
            proposal=in_review, body="initiatiefgroep", opened_by=gebiedsregisseur, closes_at=CLOSES
        )


def test_opening_refused_before_the_review(clock, gebiedsregisseur, submitted):
    with pytest.raises(ProposalError):
        open_vote(submitted, gebiedsregisseur)


def test_opening_refused_with_a_quorum_outside_0_to_1(in_review, gebiedsregisseur):
    with pytest.raises(ValidationError) as error:
        open_vote(in_review, gebiedsregisseur, quorum=Decimal("1.5"))
    assert "quorum" in error.value.error_dict


def test_a_new_round_can_open_after_a_vote_without_quorum(in_review, gebiedsregisseur, voters):
    first = open_vote(in_review, gebiedsregisseur)
    vote_close(vote=first)
    first.refresh_from_db()
    assert first.outcome == VoteOutcome.NO_QUORUM
    second = open_vote(in_review, gebiedsregisseur)
    assert second.pk != first.pk
    in_review.refresh_from_db()
    assert in_review.status == ProposalStatus.DECIDING


# --- who may vote -------------------------------------------------------------------------------


def test_eligible_voters_exclude_the_submitter_and_the_group_of_the_proposal(
    clock, smederij, gebiedsregisseur, voters
):
    group = factories.GroupFactory(area=smederij.area)
    submitter = member(smederij)
    in_group = member(smederij)
    factories.GroupMembershipFactory(group=group, user=submitter)
    factories.GroupMembershipFactory(group=group, user=in_group)
    proposal = factories.ProposalFactory(
        smederij=smederij,
        submitter=submitter,
        group=group,
        year=2013,
        status="in_review",
        submitted_at=START,
    )
    vote = open_vote(proposal, gebiedsregisseur)
    assert set(vote_eligible_voters(vote)) == set(voters)
    for conflicted in (submitter, in_group):
        with pytest.raises(PermissionDenied):
            vote_cast(vote=vote, actor=conflicted, choice="for")


@pytest.mark.parametrize(
    "role", ["resident", "professional", "gebiedsregisseur", "stuurgroep_member"]
)
def test_voting_refused_outside_the_initiatiefgroep(in_review, gebiedsregisseur, role, request):
    vote = open_vote(in_review, gebiedsregisseur)
    with pytest.raises(PermissionDenied):
        vote_cast(vote=vote, actor=request.getfixturevalue(role), choice="for")
    assert not VoteCast.objects.exists()


def test_voting_refused_for_a_member_of_another_initiatiefgroep(
    in_review, gebiedsregisseur, other_smederij
):
    vote = open_vote(in_review, gebiedsregisseur)
    with pytest.raises(PermissionDenied):
        vote_cast(vote=vote, actor=member(other_smederij), choice="for")


def test_submitter_in_the_initiatiefgroep_cannot_vote_on_their_own_proposal(
    in_review, gebiedsregisseur, resident, smederij
):
    factories.InitiatiefgroepMembershipFactory(user=resident, smederij=smederij)
    vote = open_vote(in_review, gebiedsregisseur)
    with pytest.raises(PermissionDenied):
        vote_cast(vote=vote, actor=resident, choice="for")


def test_initiatiefgroep_member_cannot_vote_in_the_stuurgroep(
    lange_in_review, gebiedsregisseur, initiatiefgroep_member, stuurgroep_member
):
    vote = open_vote(lange_in_review, gebiedsregisseur)
    with pytest.raises(PermissionDenied):
        vote_cast(vote=vote, actor=initiatiefgroep_member, choice="for")
    cast = vote_cast(vote=vote, actor=stuurgroep_member, choice="against")
    assert cast.choice == "against"


# --- casting ------------------------------------------------------------------------------------


def test_member_votes_and_the_timeline_says_who_and_when_but_not_what(
    in_review, gebiedsregisseur, voters
):
    vote = open_vote(in_review, gebiedsregisseur)
    cast = vote_cast(vote=vote, actor=voters[0], choice="against", motivation=" Te duur. ")
    assert (cast.choice, cast.motivation) == ("against", "Te duur.")
    event = in_review.events.filter(kind=EventKind.VOTE, actor=voters[0]).get()
    assert event.created_at == START
    for language in ("en", "nl"):
        with translation.override(language):
            text = (event.text + event.message).lower()
            assert "against" not in text and "tegen" not in text and "duur" not in text


def test_a_second_vote_changes_the_first(in_review, gebiedsregisseur, voters, clock):
    vote = open_vote(in_review, gebiedsregisseur)
    vote_cast(vote=vote, actor=voters[0], choice="for")
    clock.shift(HOUR)
    vote_cast(vote=vote, actor=voters[0], choice="abstain", motivation="Twijfel.")
    cast = VoteCast.objects.get()
    assert cast.choice == "abstain"
    assert cast.cast_at == START
    assert cast.changed_at == START + HOUR
    assert in_review.events.filter(kind=EventKind.VOTE, actor=voters[0]).count() == 2


def test_voting_refused_after_the_closing_moment(in_review, gebiedsregisseur, voters, clock):
    vote = open_vote(in_review, gebiedsregisseur)
    clock.move_to(CLOSES)
    with pytest.raises(ValidationError) as error:
        vote_cast(vote=vote, actor=voters[0], choice="for")
    assert error.value.code == "closed"


def test_voting_refused_on_a_closed_vote(in_review, gebiedsregisseur, voters):
    vote = open_vote(in_review, gebiedsregisseur)
    vote_cast(vote=vote, actor=voters[0], choice="for")
    vote_close(vote=vote)
    with pytest.raises(ValidationError) as error:
        vote_cast(vote=vote, actor=voters[0], choice="against")
    assert error.value.code == "closed"
    assert VoteCast.objects.get().choice == "for"


def test_an_unknown_choice_is_refused(in_review, gebiedsregisseur, voters):
    vote = open_vote(in_review, gebiedsregisseur)
    with pytest.raises(ValidationError) as error:
        vote_cast(vote=vote, actor=voters[0], choice="maybe")
    assert "choice" in error.value.error_dict


def test_voting_refused_once_the_proposal_is_withdrawn(
    in_review, gebiedsregisseur, voters, resident
):
    vote = open_vote(in_review, gebiedsregisseur)
    proposal_withdraw(proposal=in_review, actor=resident)
    with pytest.raises(ValidationError) as error:
        vote_cast(vote=vote, actor=voters[0], choice="for")
    assert error.value.code == "not_deciding"


# --- closing and the result ---------------------------------------------------------------------


def _cast_all(vote, voters, choices):
    for voter, choice in zip(voters, choices, strict=False):
        vote_cast(vote=vote, actor=voter, choice=choice)


def test_closing_counts_and_records_the_result_once(
    in_review, gebiedsregisseur, voters, django_capture_on_commit_callbacks
):
    vote = open_vote(in_review, gebiedsregisseur)
    _cast_all(vote, voters, ["for", "against"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        vote_close(vote=vote)
    vote.refresh_from_db()
    assert (vote.eligible_count, vote.votes_for, vote.votes_against, vote.votes_abstain) == (
        3,
        1,
        1,
        0,
    )
    assert vote.outcome == VoteOutcome.NOT_ADOPTED
    assert vote.closed_at == START
    in_review.refresh_from_db()
    # Closing does not decide: the gebiedsregisseur records the decision afterwards.
    assert in_review.status == ProposalStatus.DECIDING
    event = in_review.events.filter(kind=EventKind.VOTE, actor=None).get()
    assert "1" in event.text and "3" in event.text
    (message,) = mail.outbox
    assert message.to == [gebiedsregisseur.email]
    assert f"/voorstellen/{in_review.pk}/" in message.body
    with pytest.raises(ValidationError):
        vote_close(vote=vote)


@pytest.mark.parametrize(
    ("members", "choices", "outcome"),
    [
        # Exactly half voted: the quorum (at least half) is reached.
        (4, ["for", "abstain"], VoteOutcome.ADOPTED),
        (4, ["abstain", "abstain"], VoteOutcome.NOT_ADOPTED),
        # Two of five is less than half: ceil(2.5) = 3 must vote.
        (5, ["for", "for"], VoteOutcome.NO_QUORUM),
        (5, ["for", "for", "against"], VoteOutcome.ADOPTED),
        (4, ["for", "against"], VoteOutcome.NOT_ADOPTED),
        (4, ["for"], VoteOutcome.NO_QUORUM),
    ],
)
def test_quorum_and_majority(in_review, gebiedsregisseur, smederij, members, choices, outcome):
    people = [member(smederij) for _ in range(members)]
    vote = open_vote(in_review, gebiedsregisseur)
    _cast_all(vote, people, choices)
    vote_close(vote=vote)
    vote.refresh_from_db()
    assert vote.outcome == outcome


def test_a_configured_quorum_counts(in_review, gebiedsregisseur, smederij):
    people = [member(smederij) for _ in range(4)]
    vote = open_vote(in_review, gebiedsregisseur, quorum=Decimal("0.75"))
    _cast_all(vote, people, ["for", "for"])
    vote_close(vote=vote)
    vote.refresh_from_db()
    assert vote.outcome == VoteOutcome.NO_QUORUM


def test_no_one_eligible_means_no_quorum(in_review, gebiedsregisseur):
    vote = open_vote(in_review, gebiedsregisseur)
    vote_close(vote=vote)
    vote.refresh_from_db()
    assert (vote.eligible_count, vote.outcome) == (0, VoteOutcome.NO_QUORUM)


def test_a_voter_who_left_the_initiatiefgroep_no_longer_counts(in_review, gebiedsregisseur, voters):
    vote = open_vote(in_review, gebiedsregisseur)
    _cast_all(vote, voters, ["for", "against"])
    voters[0].initiatiefgroep_memberships.all().delete()
    vote_close(vote=vote)
    vote.refresh_from_db()
    assert (vote.eligible_count, vote.votes_for, vote.votes_against) == (2, 0, 1)


def test_the_vote_closes_early_once_everyone_voted(
    in_review, gebiedsregisseur, voters, django_capture_on_commit_callbacks
):
    vote = open_vote(in_review, gebiedsregisseur)
    with django_capture_on_commit_callbacks(execute=True):
        _cast_all(vote, voters[:2], ["for", "for"])
    vote.refresh_from_db()
    assert vote.is_open
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(vote=vote, actor=voters[2], choice="against")
    vote.refresh_from_db()
    assert not vote.is_open
    assert (vote.votes_for, vote.votes_against, vote.outcome) == (2, 1, VoteOutcome.ADOPTED)


def test_early_close_does_nothing_on_a_closed_vote(in_review, gebiedsregisseur, voters):
    vote = open_vote(in_review, gebiedsregisseur)
    _cast_all(vote, voters, ["for", "for", "for"])
    vote_close(vote=vote)
    assert vote_close_if_complete(vote_id=vote.pk) is False
    assert in_review.events.filter(kind=EventKind.VOTE, actor=None).count() == 1
