"""Setting up a round, changing its rules until the first ballot, fixing the ballot, holding back."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from budget.services import grant_create
from projecten.election import services
from projecten.errors import ProposalError
from projecten.models import (
    DecisionMethod,
    DecisionMethodKind,
    ElectionIdea,
    ElectionMethod,
    ElectionRound,
    ProposalStatus,
)
from tests import factories

from .conftest import HOUR, close_and_count

pytestmark = pytest.mark.django_db


def rules(**changes) -> services.RoundRules:
    now = timezone.now()
    values = {
        "budget": Decimal("5000.00"),
        "ideas_deadline": now + HOUR,
        "opens_at": now + 2 * HOUR,
        "closes_at": now + 3 * HOUR,
    }
    values.update(changes)
    return services.RoundRules(**values)


def create(smederij, actor, year, **changes):
    return services.round_create(smederij=smederij, actor=actor, year=year, rules=rules(**changes))


def test_gebiedsregisseur_sets_up_a_round_and_the_decision_method_becomes_election(
    smederij, gebiedsregisseur, share, year
):
    election_round = create(smederij, gebiedsregisseur, year)
    assert election_round.votes_per_voter == 5
    assert election_round.minimum_age == 16
    assert election_round.method == ElectionMethod.FROM_THE_TOP
    method = DecisionMethod.objects.get(smederij=smederij, year=year)
    assert method.method == DecisionMethodKind.ELECTION


@pytest.mark.parametrize("role", ["resident", "initiatiefgroep_member", "professional"])
def test_others_cannot_set_up_a_round(smederij, share, year, role, request):
    with pytest.raises(PermissionDenied):
        create(smederij, request.getfixturevalue(role), year)


def test_gebiedsregisseur_of_another_wijkteam_cannot_set_up_a_round(smederij, share, year):
    outsider = factories.GebiedsregisseurAssignmentFactory().user
    with pytest.raises(PermissionDenied):
        create(smederij, outsider, year)


def test_budget_above_the_free_share_is_refused(smederij, gebiedsregisseur, share, year):
    with pytest.raises(ValidationError) as error:
        create(smederij, gebiedsregisseur, year, budget=Decimal("7500.01"))
    assert "budget" in error.value.error_dict


def test_budget_counts_only_the_free_part_of_the_share(smederij, gebiedsregisseur, share, year):
    proposal = factories.ProposalFactory(
        smederij=smederij, year=year, status="deciding", submitted_at=timezone.now()
    )
    grant_create(
        proposal=proposal,
        budget_year=proposal.year,
        klap=proposal.klap,
        smederij=proposal.smederij,
        actor=gebiedsregisseur,
        amount=Decimal("3000.00"),
    )
    with pytest.raises(ValidationError):
        create(smederij, gebiedsregisseur, year, budget=Decimal("5000.00"))
    assert create(smederij, gebiedsregisseur, year, budget=Decimal("4500.00"))


def test_no_share_means_no_round(smederij, gebiedsregisseur, year):
    with pytest.raises(ValidationError) as error:
        create(smederij, gebiedsregisseur, year)
    assert "budget" in error.value.error_dict


def test_equal_shares_with_paper_ballots_is_refused_with_a_clear_message(
    smederij, gebiedsregisseur, share, year
):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        create(
            smederij,
            gebiedsregisseur,
            year,
            method=ElectionMethod.EQUAL_SHARES,
            counts_paper=True,
        )
    assert "paper" in str(error.value.error_dict["method"][0].message)


def test_database_refuses_equal_shares_with_paper(smederij, gebiedsregisseur, share, year):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        ElectionRound.objects.create(
            smederij=smederij,
            year=year,
            created_by=gebiedsregisseur,
            method=ElectionMethod.EQUAL_SHARES,
            counts_paper=True,
            **{k: v for k, v in rules().__dict__.items() if k not in ("method", "counts_paper")},
        )


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"opens_at": timezone.now()}, "opens_at"),
        ({"closes_at": timezone.now() + HOUR * 1.5}, "closes_at"),
        ({"votes_per_voter": 0}, "votes_per_voter"),
    ],
)
def test_dates_and_votes_must_make_sense(smederij, gebiedsregisseur, share, year, changes, field):
    with pytest.raises(ValidationError) as error:
        create(smederij, gebiedsregisseur, year, **changes)
    assert field in error.value.error_dict


def test_voting_must_close_within_the_budget_year(smederij, gebiedsregisseur, share, year):
    next_year = timezone.make_aware(datetime.datetime(year + 1, 1, 15))  # noqa: DTZ001
    with pytest.raises(ValidationError) as error:
        create(smederij, gebiedsregisseur, year, closes_at=next_year)
    assert "closes_at" in error.value.error_dict


def test_a_smederij_that_decides_by_assessment_cannot_hold_an_election(
    smederij, gebiedsregisseur, share, year
):
    DecisionMethod.objects.create(
        smederij=smederij, year=year, method=DecisionMethodKind.ASSESSMENT
    )
    with pytest.raises(ProposalError):
        create(smederij, gebiedsregisseur, year)


def test_one_round_per_smederij_and_year(smederij, gebiedsregisseur, share, year):
    create(smederij, gebiedsregisseur, year)
    with pytest.raises(ProposalError):
        create(smederij, gebiedsregisseur, year)


def test_rules_change_before_the_first_ballot(open_round, gebiedsregisseur):
    now = timezone.now()
    services.round_update(
        election_round=open_round,
        actor=gebiedsregisseur,
        rules=rules(
            budget=Decimal("6000.00"),
            ideas_deadline=now - 2 * HOUR,
            opens_at=now - HOUR,
            closes_at=now + HOUR,
            votes_per_voter=3,
        ),
    )
    open_round.refresh_from_db()
    assert open_round.budget == Decimal("6000.00")
    assert open_round.votes_per_voter == 3


def test_rules_are_frozen_after_the_first_ballot_budget_included(
    open_round, ideas, resident, gebiedsregisseur
):
    services.ballot_cast(
        election_round=open_round, actor=resident, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    with translation.override("en"), pytest.raises(ProposalError) as error:
        services.round_update(
            election_round=open_round,
            actor=gebiedsregisseur,
            rules=rules(
                budget=Decimal("4000.00"),
                ideas_deadline=open_round.ideas_deadline,
                opens_at=open_round.opens_at,
                closes_at=open_round.closes_at,
            ),
        )
    assert "frozen" in error.value.message
    open_round.refresh_from_db()
    assert open_round.budget == Decimal("5000.00")


def test_database_refuses_a_change_of_a_frozen_round(open_round):
    ElectionRound.objects.filter(pk=open_round.pk).update(frozen_at=timezone.now())
    with pytest.raises(DatabaseError), transaction.atomic():
        ElectionRound.objects.filter(pk=open_round.pk).update(budget=Decimal("1.00"))
    with pytest.raises(DatabaseError), transaction.atomic():
        ElectionRound.objects.filter(pk=open_round.pk).update(frozen_at=None)
    # What is not a rule may still be written: the close and the result.
    ElectionRound.objects.filter(pk=open_round.pk).update(closed_at=timezone.now())


def test_only_the_gebiedsregisseur_changes_the_rules(open_round, initiatiefgroep_member):
    with pytest.raises(PermissionDenied):
        services.round_update(
            election_round=open_round, actor=initiatiefgroep_member, rules=rules()
        )


# --- Fixing the ballot -----------------------------------------------------------------------


@pytest.fixture
def round_before_ballot(smederij, gebiedsregisseur, share, year):
    now = timezone.now()
    return ElectionRound.objects.create(
        smederij=smederij,
        year=year,
        budget=Decimal("5000.00"),
        ideas_deadline=now - HOUR,
        opens_at=now,
        closes_at=now + HOUR,
        created_by=gebiedsregisseur,
    )


def proposal(smederij, year, status, **fields):
    return factories.ProposalFactory(
        smederij=smederij, year=year, status=status, submitted_at=timezone.now(), **fields
    )


def test_fixing_the_ballot_puts_the_handed_in_proposals_on_it(
    round_before_ballot, smederij, other_smederij, year, gebiedsregisseur
):
    submitted = proposal(smederij, year, ProposalStatus.SUBMITTED)
    in_review = proposal(smederij, year, ProposalStatus.IN_REVIEW)
    deciding = proposal(smederij, year, ProposalStatus.DECIDING)
    left_out = [
        proposal(smederij, year, ProposalStatus.CHANGES_REQUESTED),
        proposal(smederij, year, ProposalStatus.DRAFT),
        proposal(smederij, year - 1, ProposalStatus.SUBMITTED),
        proposal(smederij, year, ProposalStatus.SUBMITTED, klap="lange"),
        proposal(other_smederij, year, ProposalStatus.SUBMITTED),
    ]
    services.round_fix_ballot(election_round=round_before_ballot, actor=gebiedsregisseur)
    on_ballot = set(
        ElectionIdea.objects.filter(election_round=round_before_ballot).values_list(
            "proposal_id", flat=True
        )
    )
    assert on_ballot == {submitted.pk, in_review.pk, deciding.pk}
    for p in (submitted, in_review, deciding):
        p.refresh_from_db()
        assert p.status == ProposalStatus.DECIDING
    for p in left_out:
        assert p.pk not in on_ballot
    round_before_ballot.refresh_from_db()
    assert round_before_ballot.ballot_fixed_at is not None


def test_ballot_is_not_fixed_before_the_ideas_deadline(round_before_ballot, gebiedsregisseur):
    round_before_ballot.ideas_deadline = timezone.now() + HOUR
    round_before_ballot.opens_at = timezone.now() + 2 * HOUR
    round_before_ballot.closes_at = timezone.now() + 3 * HOUR
    round_before_ballot.save()
    with pytest.raises(ProposalError):
        services.round_fix_ballot(election_round=round_before_ballot, actor=gebiedsregisseur)


def test_ballot_is_fixed_once(round_before_ballot, gebiedsregisseur):
    services.round_fix_ballot(election_round=round_before_ballot, actor=gebiedsregisseur)
    with pytest.raises(ProposalError):
        services.round_fix_ballot(election_round=round_before_ballot, actor=gebiedsregisseur)


def test_scheduled_task_fixes_the_ballot_at_the_deadline(round_before_ballot, smederij, year):
    p = proposal(smederij, year, ProposalStatus.SUBMITTED)
    close_and_count()
    round_before_ballot.refresh_from_db()
    assert round_before_ballot.ballot_fixed_at is not None
    assert round_before_ballot.ideas.get().proposal == p


# --- Holding an idea back --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["initiatiefgroep_member", "gebiedsregisseur"])
def test_idea_held_back_leaves_the_ballot_and_its_submitter_reads_why(
    open_round, ideas, role, request, django_capture_on_commit_callbacks, mailoutbox
):
    actor = request.getfixturevalue(role)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_hold_back(idea=ideas[0], actor=actor, reason="Geen sociale kant.")
    ideas[0].refresh_from_db()
    assert not ideas[0].is_on_ballot
    proposal = ideas[0].proposal
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert "Geen sociale kant." in proposal.events.last().message
    assert any("Geen sociale kant." in m.body for m in mailoutbox)
    assert mailoutbox[0].to == [proposal.submitter.email]


def test_holding_back_needs_a_reason(open_round, ideas, initiatiefgroep_member):
    with pytest.raises(ValidationError):
        services.idea_hold_back(idea=ideas[0], actor=initiatiefgroep_member, reason="  ")


@pytest.mark.parametrize("role", ["resident", "professional"])
def test_others_cannot_hold_back(open_round, ideas, role, request):
    with pytest.raises(PermissionDenied):
        services.idea_hold_back(
            idea=ideas[0], actor=request.getfixturevalue(role), reason="Past niet."
        )


def test_member_of_another_initiatiefgroep_cannot_hold_back(open_round, ideas, other_smederij):
    member = factories.InitiatiefgroepMembershipFactory(smederij=other_smederij).user
    with pytest.raises(PermissionDenied):
        services.idea_hold_back(idea=ideas[0], actor=member, reason="Past niet.")


def test_no_holding_back_once_voting_has_started(
    open_round, ideas, resident, initiatiefgroep_member
):
    services.ballot_cast(
        election_round=open_round, actor=resident, idea_ids=[ideas[1].pk], age_confirmed=True
    )
    with pytest.raises(ProposalError):
        services.idea_hold_back(idea=ideas[0], actor=initiatiefgroep_member, reason="Past niet.")


def test_method_of_the_smederij_cannot_change_once_the_election_has_a_ballot(
    open_round, ideas, resident, smederij, year, gebiedsregisseur
):
    from projecten.review.selectors import decisions_started
    from projecten.review.services import decision_method_set

    assert not decisions_started(smederij=smederij, year=year)
    services.ballot_cast(
        election_round=open_round, actor=resident, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    assert decisions_started(smederij=smederij, year=year)
    with pytest.raises(ProposalError):
        decision_method_set(
            smederij=smederij, year=year, method="assessment", actor=gebiedsregisseur
        )
