"""Without a broker no beat runs: the first page after a window closed closes and counts it."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from projecten.common.middleware import THROTTLE_KEY
from projecten.models import AssessmentVote, FundingStatus
from projecten.votes.services import vote_open
from tests import factories
from tests.projecten.votes_fixtures import START, member

from .conftest import close_and_count, voters

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def closed_window(open_round, ideas, smederij, share, time_machine):
    """A round with a ballot whose window has just ended; nothing has closed it yet."""
    from projecten.election import services

    (voter,) = voters(smederij, 1)
    services.ballot_cast(
        election_round=open_round, actor=voter, idea_ids=[ideas[2].pk], age_confirmed=True
    )
    time_machine.move_to(open_round.closes_at + MINUTE)
    return open_round


def test_without_a_broker_the_first_page_closes_and_counts_the_round(
    client, settings, closed_window, django_capture_on_commit_callbacks
):
    settings.DUE_WORK_ON_REQUEST = True
    # A request commits; the count queued on commit then runs eagerly, as under `make run`.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("projecten:election:round-detail", args=[closed_window.pk]))
    assert response.status_code == 200
    closed_window.refresh_from_db()
    assert closed_window.counted_at is not None
    assert closed_window.funding_status == FundingStatus.FUNDED
    # The result page is there at once (it answers 404 before the count).
    result = reverse("projecten:election:result", args=[closed_window.pk])
    assert client.get(result).status_code == 200


def test_with_a_broker_pages_leave_it_to_beat(client, settings, closed_window):
    settings.DUE_WORK_ON_REQUEST = False
    client.get(reverse("projecten:election:round-detail", args=[closed_window.pk]))
    closed_window.refresh_from_db()
    assert closed_window.closed_at is None
    close_and_count()
    closed_window.refresh_from_db()
    assert closed_window.counted_at is not None


def test_a_vote_whose_moment_passed_is_closed_by_the_next_page(client, settings, time_machine):
    settings.DUE_WORK_ON_REQUEST = True
    time_machine.move_to(START)
    smederij = factories.SmederijFactory()
    regisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    member(smederij)
    proposal = factories.ProposalFactory(
        smederij=smederij, status="in_review", submitted_at=START, year=2013
    )
    vote = vote_open(proposal=proposal, actor=regisseur, closes_at=START + 2 * 60 * MINUTE)
    time_machine.move_to(vote.closes_at + MINUTE)
    cache.delete(THROTTLE_KEY)
    client.get(reverse("home"))
    vote.refresh_from_db()
    assert vote.closed_at is not None


def test_the_work_runs_at_most_once_a_minute(client, settings, django_assert_num_queries):
    settings.DUE_WORK_ON_REQUEST = True
    client.get(reverse("home"))  # runs the work and sets the key
    assert cache.get(THROTTLE_KEY)
    with django_assert_num_queries(1):  # the visitor's home page alone (one query)
        client.get(reverse("home"))
    assert not AssessmentVote.objects.exists()
