"""Casting and changing an online ballot: who may, when, and what a ballot may hold."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projecten.election import services
from projecten.errors import ProposalError
from projecten.models import Ballot, BallotChoice, BallotVoter
from tests import factories

from .conftest import HOUR, make_idea

pytestmark = pytest.mark.django_db


def cast(election_round, voter, ideas, age_confirmed=True):
    return services.ballot_cast(
        election_round=election_round,
        actor=voter,
        idea_ids=[idea.pk for idea in ideas],
        age_confirmed=age_confirmed,
    )


def test_resident_casts_a_ballot_and_gets_a_receipt_by_email(
    open_round, ideas, resident, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        participation = cast(open_round, resident, ideas[:2])
    assert participation.voter == resident
    assert len(participation.receipt_code) == 10
    assert set(BallotChoice.objects.values_list("idea_id", flat=True)) == {
        ideas[0].pk,
        ideas[1].pk,
    }
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [resident.email]
    assert participation.receipt_code in mailoutbox[0].body


def test_first_ballot_freezes_the_rules(open_round, ideas, resident):
    assert open_round.frozen_at is None
    cast(open_round, resident, ideas[:1])
    open_round.refresh_from_db()
    assert open_round.frozen_at is not None


def test_voter_outside_the_area_is_refused(open_round, ideas, other_smederij):
    outsider = factories.ResidentFactory(home_area=other_smederij.area)
    with pytest.raises(PermissionDenied):
        cast(open_round, outsider, ideas[:1])
    assert not BallotVoter.objects.exists()


def test_unverified_account_is_refused(open_round, ideas, smederij):
    unverified = factories.ResidentFactory(home_area=smederij.area, email_verified_at=None)
    with pytest.raises(PermissionDenied):
        cast(open_round, unverified, ideas[:1])


def test_professional_cannot_vote(open_round, ideas, professional):
    with pytest.raises(PermissionDenied):
        cast(open_round, professional, ideas[:1])


@pytest.mark.parametrize("moment", ["before", "after"])
def test_vote_outside_the_window_is_refused(open_round, ideas, resident, time_machine, moment):
    if moment == "before":
        time_machine.move_to(open_round.opens_at - datetime.timedelta(minutes=1))
    else:
        time_machine.move_to(open_round.closes_at)
    with pytest.raises(ProposalError):
        cast(open_round, resident, ideas[:1])
    assert not BallotVoter.objects.exists()


def test_vote_before_the_ballot_is_fixed_is_refused(open_round, ideas, resident):
    open_round.ballot_fixed_at = None
    open_round.save()
    with pytest.raises(ProposalError):
        cast(open_round, resident, ideas[:1])


def test_more_choices_than_votes_are_refused(open_round, resident):
    many = [make_idea(open_round, "100.00") for _ in range(6)]
    with pytest.raises(ValidationError) as error:
        cast(open_round, resident, many)
    assert error.value.error_dict["ideas"][0].code == "too_many"
    assert not Ballot.objects.exists()


def test_two_votes_for_the_same_idea_are_refused(open_round, ideas, resident):
    with pytest.raises(ValidationError) as error:
        cast(open_round, resident, [ideas[0], ideas[0]])
    assert error.value.error_dict["ideas"][0].code == "duplicate"


def test_database_refuses_two_votes_for_one_idea_on_one_ballot(open_round, ideas):
    from django.db import IntegrityError, transaction

    ballot = Ballot.objects.create(election_round=open_round)
    BallotChoice.objects.create(ballot=ballot, idea=ideas[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotChoice.objects.create(ballot=ballot, idea=ideas[0])


def test_empty_choice_is_refused(open_round, ideas, resident):
    with pytest.raises(ValidationError) as error:
        cast(open_round, resident, [])
    assert error.value.error_dict["ideas"][0].code == "empty"


def test_idea_of_another_round_or_held_back_is_refused(
    open_round, ideas, resident, gebiedsregisseur
):
    ideas[0].held_back_at = timezone.now()
    ideas[0].held_back_reason = "Geen sociale kant"
    ideas[0].save()
    with pytest.raises(ValidationError) as error:
        cast(open_round, resident, ideas[:1])
    assert error.value.error_dict["ideas"][0].code == "not_on_ballot"


def test_age_must_be_confirmed(open_round, ideas, resident):
    with pytest.raises(ValidationError) as error:
        cast(open_round, resident, ideas[:1], age_confirmed=False)
    assert "age_confirmed" in error.value.error_dict


def test_changed_ballot_replaces_the_earlier_one(open_round, ideas, resident):
    first = cast(open_round, resident, ideas[:2])
    second = cast(open_round, resident, ideas[2:])
    assert first.pk == second.pk
    assert BallotVoter.objects.count() == 1
    assert Ballot.objects.count() == 1
    assert list(BallotChoice.objects.values_list("idea_id", flat=True)) == [ideas[2].pk]
    second.refresh_from_db()
    assert second.times_changed == 1
    assert second.receipt_code == first.receipt_code


def test_database_refuses_a_second_participation_of_one_resident(open_round, resident):
    from django.db import IntegrityError, transaction

    BallotVoter.objects.create(election_round=open_round, voter=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotVoter.objects.create(election_round=open_round, voter=resident)


def test_window_closes_at_closes_at_exactly(open_round, ideas, resident, time_machine):
    time_machine.move_to(open_round.closes_at - datetime.timedelta(seconds=1))
    cast(open_round, resident, ideas[:1])
    time_machine.move_to(open_round.closes_at + HOUR)
    with pytest.raises(ProposalError):
        cast(open_round, resident, ideas[1:2])
