"""Closing a round: the link between voter and ballot is cut, the count is stored, and the
result is funded whole or not at all; the recount gives the same outcome."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from budget.models import Grant
from budget.services import grant_create
from projecten.election import services
from projecten.errors import ProposalError
from projecten.models import BallotVoter, Decision, ElectionMethod, FundingStatus, ProposalStatus
from tests import factories

from .conftest import close_and_count, make_idea, voters

pytestmark = pytest.mark.django_db


def vote(election_round, voter, ideas):
    services.ballot_cast(
        election_round=election_round,
        actor=voter,
        idea_ids=[idea.pk for idea in ideas],
        age_confirmed=True,
    )


def close(election_round, time_machine):
    time_machine.move_to(election_round.closes_at + datetime.timedelta(minutes=1))
    close_and_count()
    election_round.refresh_from_db()
    return election_round


@pytest.fixture
def voted(open_round, ideas, smederij):
    """€ 2.000 gets 3 votes, € 1.500 gets 2, € 1.000 gets 1 (budget € 5.000: all fit)."""
    a, b, c = voters(smederij, 3)
    vote(open_round, a, ideas)
    vote(open_round, b, ideas[:2])
    vote(open_round, c, ideas[:1])
    return open_round


def test_close_cuts_the_link_between_voter_and_ballot(voted, time_machine):
    assert BallotVoter.objects.filter(ballot__isnull=False).count() == 3
    close(voted, time_machine)
    assert voted.closed_at is not None
    assert BallotVoter.objects.count() == 3
    assert not BallotVoter.objects.filter(ballot__isnull=False).exists()
    assert voted.ballots.count() == 3


def test_nothing_is_counted_before_the_close(voted, ideas):
    close_and_count()
    voted.refresh_from_db()
    assert voted.counted_at is None
    assert all(idea.votes is None for idea in voted.ideas.all())
    with pytest.raises(ProposalError):
        services.round_close(election_round=voted)


def test_from_the_top_funds_the_winners_through_the_budget(voted, ideas, time_machine, share):
    close(voted, time_machine)
    assert voted.funding_status == FundingStatus.FUNDED
    assert voted.online_voters == 3
    assert voted.spent == Decimal("4500.00")
    assert voted.left == Decimal("500.00")
    assert [i.votes for i in voted.ideas.order_by("rank")] == [3, 2, 1]
    grants = Grant.objects.filter(smederij=voted.smederij)
    assert sorted(g.amount for g in grants) == [
        Decimal("1000.00"),
        Decimal("1500.00"),
        Decimal("2000.00"),
    ]
    assert all(g.budget_year.year == voted.year for g in grants)
    for idea in ideas:
        idea.proposal.refresh_from_db()
        assert idea.proposal.status == ProposalStatus.APPROVED
    assert Decision.objects.filter(outcome="approved").count() == 3


def test_idea_that_does_not_fit_is_skipped_and_rejected(open_round, smederij, time_machine, share):
    open_round.budget = Decimal("3000.00")
    open_round.save()
    big = make_idea(open_round, "2500.00")
    bigger = make_idea(open_round, "1000.00")
    small = make_idea(open_round, "400.00")
    a, b, c = voters(smederij, 3)
    vote(open_round, a, [big, bigger, small])
    vote(open_round, b, [big, bigger])
    vote(open_round, c, [big])
    close(open_round, time_machine)
    big.refresh_from_db(), bigger.refresh_from_db(), small.refresh_from_db()
    assert (big.funded, bigger.funded, small.funded) == (True, False, True)
    assert bigger.outcome_reason == "does_not_fit"
    bigger.proposal.refresh_from_db()
    assert bigger.proposal.status == ProposalStatus.REJECTED
    assert open_round.spent == Decimal("2900.00")


def test_tie_goes_to_fewer_euros_then_earlier_submission(open_round, smederij, time_machine, share):
    open_round.budget = Decimal("1000.00")
    open_round.save()
    now = timezone.now()
    early = make_idea(open_round, "600.00", submitted_at=now - datetime.timedelta(days=2))
    late = make_idea(open_round, "600.00", submitted_at=now - datetime.timedelta(days=1))
    cheap = make_idea(open_round, "500.00", submitted_at=now)
    (a,) = voters(smederij, 1)
    vote(open_round, a, [early, late, cheap])
    close(open_round, time_machine)
    ranked = [i.proposal_id for i in open_round.ideas.order_by("rank")]
    assert ranked == [cheap.proposal_id, early.proposal_id, late.proposal_id]
    assert [i.funded for i in open_round.ideas.order_by("rank")] == [True, False, False]


def test_result_exceeding_the_share_is_refused_as_a_whole(
    voted, ideas, time_machine, share, gebiedsregisseur
):
    # After the round was set up, money of the share went elsewhere: € 4.500 no longer fits.
    other = factories.ProposalFactory(
        smederij=voted.smederij, year=voted.year, status="deciding", submitted_at=timezone.now()
    )
    grant_create(
        proposal=other,
        budget_year=other.year,
        klap=other.klap,
        smederij=other.smederij,
        actor=gebiedsregisseur,
        amount=Decimal("4000.00"),
    )
    with translation.override("en"):
        close(voted, time_machine)
    assert voted.funding_status == FundingStatus.REFUSED
    assert "Nothing was funded" in voted.funding_reason
    assert Grant.objects.filter(proposal__election_ideas__election_round=voted).count() == 0
    for idea in ideas:
        idea.proposal.refresh_from_db()
        assert idea.proposal.status == ProposalStatus.DECIDING
    assert not Decision.objects.exists()
    # The count itself is kept and public.
    assert voted.counted_at is not None


def test_refused_result_is_funded_whole_after_the_share_is_solved(
    voted, ideas, time_machine, share, gebiedsregisseur
):
    other = factories.ProposalFactory(
        smederij=voted.smederij, year=voted.year, status="deciding", submitted_at=timezone.now()
    )
    grant = grant_create(
        proposal=other,
        budget_year=other.year,
        klap=other.klap,
        smederij=other.smederij,
        actor=gebiedsregisseur,
        amount=Decimal("4000.00"),
    )
    close(voted, time_machine)
    from budget.services import grant_release

    grant_release(grant=grant, actor=gebiedsregisseur, reason="Project gaat niet door")
    services.round_fund_again(election_round=voted, actor=gebiedsregisseur)
    voted.refresh_from_db()
    assert voted.funding_status == FundingStatus.FUNDED
    assert Grant.objects.filter(proposal__election_ideas__election_round=voted).count() == 3


def test_fund_again_is_for_the_gebiedsregisseur(voted, time_machine, resident):
    close(voted, time_machine)
    with pytest.raises(PermissionDenied):
        services.round_fund_again(election_round=voted, actor=resident)


def test_equal_shares_round_is_counted_by_its_method(open_round, smederij, time_machine, share):
    open_round.method = ElectionMethod.EQUAL_SHARES
    open_round.budget = Decimal("3000.00")
    open_round.save()
    # Two groups: 2 voters want A (€ 2.000); 1 voter wants B (€ 1.000).
    a = make_idea(open_round, "2000.00")
    b = make_idea(open_round, "1000.00")
    v1, v2, v3 = voters(smederij, 3)
    vote(open_round, v1, [a])
    vote(open_round, v2, [a])
    vote(open_round, v3, [b])
    close(open_round, time_machine)
    a.refresh_from_db(), b.refresh_from_db()
    assert a.funded and b.funded
    assert a.outcome_reason == "funded_equal_shares"
    assert open_round.funding_status == FundingStatus.FUNDED


def test_recount_gives_the_same_outcome(voted, time_machine, gebiedsregisseur):
    close(voted, time_machine)
    recount = services.round_recount(election_round=voted, actor=gebiedsregisseur)
    assert recount.same
    assert [o.votes for o in recount.result.outcomes] == [3, 2, 1]


def test_recount_sees_a_changed_ballot(voted, time_machine, gebiedsregisseur, ideas):
    close(voted, time_machine)
    from projecten.models import BallotChoice

    BallotChoice.objects.filter(idea=ideas[0]).first().delete()
    recount = services.round_recount(election_round=voted, actor=gebiedsregisseur)
    assert not recount.same


def test_recount_is_for_the_gebiedsregisseur(voted, time_machine, initiatiefgroep_member):
    close(voted, time_machine)
    with pytest.raises(PermissionDenied):
        services.round_recount(election_round=voted, actor=initiatiefgroep_member)


def test_turnout_is_stored_against_inhabitants(voted, time_machine):
    close(voted, time_machine)
    assert voted.voters == 3
    assert voted.inhabitants == voted.smederij.area.inhabitants


def test_closing_twice_changes_nothing(voted, time_machine):
    close(voted, time_machine)
    counted_at = voted.counted_at
    services.round_close(election_round=voted)
    voted.refresh_from_db()
    assert voted.counted_at == counted_at
    assert Grant.objects.count() == 3


def test_task_is_registered_in_beat():
    from django.conf import settings

    from projecten.election.tasks import close_due_rounds

    entry = settings.CELERY_BEAT_SCHEDULE["close-due-election-rounds"]
    assert entry["task"] == close_due_rounds.name


def test_the_close_hands_the_count_to_a_task_after_commit(
    voted, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(voted.closes_at + datetime.timedelta(minutes=1))
    with django_capture_on_commit_callbacks() as queued:
        services.round_close(election_round=voted)
    voted.refresh_from_db()
    assert voted.closed_at is not None and voted.counted_at is None
    assert voted.is_counting
    assert len(queued) == 1
    queued[0]()
    voted.refresh_from_db()
    assert voted.counted_at is not None and not voted.is_counting
    assert voted.funding_status == FundingStatus.FUNDED


def test_counting_a_counted_round_again_changes_nothing(voted, time_machine):
    from projecten.election.tasks import count_round

    close(voted, time_machine)
    counted_at, spent = voted.counted_at, voted.spent
    count_round.delay(voted.pk)
    count_round.delay(voted.pk)
    voted.refresh_from_db()
    assert (voted.counted_at, voted.spent) == (counted_at, spent)
    assert Grant.objects.count() == 3
    assert Decision.objects.count() == 3


def test_counting_a_round_that_is_not_closed_does_nothing(voted):
    from projecten.election.tasks import count_round

    count_round.delay(voted.pk)
    voted.refresh_from_db()
    assert voted.counted_at is None and voted.closed_at is None


def test_a_recount_asked_for_is_done_by_the_task_and_stored(
    voted, time_machine, gebiedsregisseur, ideas, django_capture_on_commit_callbacks
):
    from projecten.election.tasks import recount_round
    from projecten.models import BallotChoice

    close(voted, time_machine)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_recount_request(election_round=voted, actor=gebiedsregisseur)
    voted.refresh_from_db()
    stored = services.stored_recount(voted)
    assert stored.same and not voted.is_recounting
    assert [o["votes"] for o in stored.outcomes] == [3, 2, 1]
    assert stored.spent == Decimal("4500.00")
    recounted_at = voted.recounted_at

    # Delivered twice: the second finds it done and leaves it.
    BallotChoice.objects.filter(idea=ideas[0]).first().delete()
    recount_round.delay(voted.pk)
    voted.refresh_from_db()
    assert voted.recounted_at == recounted_at and services.stored_recount(voted).same

    # Asked for again: it compares afresh and stores what it found.
    with django_capture_on_commit_callbacks(execute=True):
        services.round_recount_request(election_round=voted, actor=gebiedsregisseur)
    voted.refresh_from_db()
    assert not services.stored_recount(voted).same


def test_only_the_gebiedsregisseur_asks_for_a_recount(voted, time_machine, initiatiefgroep_member):
    close(voted, time_machine)
    with pytest.raises(PermissionDenied):
        services.round_recount_request(election_round=voted, actor=initiatiefgroep_member)


def test_a_recount_of_an_uncounted_round_is_refused(voted, gebiedsregisseur):
    with pytest.raises(ProposalError):
        services.round_recount_request(election_round=voted, actor=gebiedsregisseur)


def test_a_project_funded_by_the_election_has_its_verantwoording_due_date(
    voted, ideas, time_machine, share, client
):
    """The same source as an approval (Proposal.accounting_due): the letter shows it, the late
    list counts it. Before, the election's Decision carried no due date at all."""
    proposal = ideas[0].proposal
    proposal.end_date = datetime.date(voted.year, 10, 1)
    proposal.save(update_fields=["end_date"])
    close(voted, time_machine)
    proposal.refresh_from_db()
    assert proposal.accounting_due == proposal.end_date + datetime.timedelta(weeks=4)
    client.force_login(proposal.submitter)
    letter = client.get(reverse("projecten:decision-letter", args=[proposal.pk]))
    assert letter.status_code == 200
    assert proposal.accounting_due.isoformat() in letter.content.decode()
