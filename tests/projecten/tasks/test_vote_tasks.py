"""The beat tasks of the votes, on a fixed clock: closing at the moment, the 48-hour reminder."""

# The fixtures imported from tests.projecten.votes_fixtures are parameters of the tests.
# ruff: noqa: F811

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from projecten.models import AssessmentVote, ProposalStatus, VoteOutcome
from projecten.votes.services import vote_cast, vote_open, vote_reminders_send, votes_close_due
from projecten.votes.tasks import close_due_votes, remind_voters
from tests import factories
from tests.projecten.votes_fixtures import (  # noqa: F401 (fixtures)
    CLOSES,
    START,
    clock,
    in_review,
    member,
    voters,
)

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def vote(in_review, gebiedsregisseur, voters):
    vote = vote_open(proposal=in_review, actor=gebiedsregisseur, closes_at=CLOSES)
    mail.outbox.clear()
    return vote


def test_close_due_votes_closes_at_the_moment_and_only_once(
    vote, voters, clock, gebiedsregisseur, django_capture_on_commit_callbacks
):
    vote_cast(vote=vote, actor=voters[0], choice="for")
    vote_cast(vote=vote, actor=voters[1], choice="for")
    clock.move_to(CLOSES - MINUTE)
    assert votes_close_due() == 0
    vote.refresh_from_db()
    assert vote.is_open

    clock.move_to(CLOSES + MINUTE)
    with django_capture_on_commit_callbacks(execute=True):
        assert close_due_votes.delay().get() == 1
    vote.refresh_from_db()
    assert vote.closed_at == CLOSES + MINUTE
    assert (vote.eligible_count, vote.votes_for, vote.outcome) == (3, 2, VoteOutcome.ADOPTED)
    assert vote.proposal.status == ProposalStatus.DECIDING
    assert [m.to for m in mail.outbox] == [[gebiedsregisseur.email]]

    clock.shift(5 * MINUTE)
    assert votes_close_due() == 0
    assert vote.proposal.events.filter(kind="vote", actor=None).count() == 1


def test_reminder_goes_48_hours_before_to_those_who_have_not_voted_once(
    vote, voters, clock, django_capture_on_commit_callbacks
):
    vote_cast(vote=vote, actor=voters[0], choice="for")
    clock.move_to(CLOSES - 48 * HOUR - MINUTE)
    assert vote_reminders_send() == 0

    clock.move_to(CLOSES - 48 * HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_voters.delay().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([voters[1].email, voters[2].email])
    assert "8 maart 2013, 12:00" in mail.outbox[0].body
    assert f"/voorstellen/stemmingen/{vote.pk}/" in mail.outbox[0].body
    vote.refresh_from_db()
    assert vote.reminder_sent_at == CLOSES - 48 * HOUR

    clock.shift(HOUR)
    assert vote_reminders_send() == 0


def test_an_hour_the_beat_missed_is_caught_up(vote, clock):
    clock.move_to(CLOSES - 30 * HOUR)
    assert vote_reminders_send() == 3


def test_no_reminder_for_a_closed_vote_or_after_the_moment(vote, clock):
    clock.move_to(CLOSES + MINUTE)
    assert vote_reminders_send() == 0
    votes_close_due()
    clock.move_to(CLOSES - 24 * HOUR)
    assert vote_reminders_send() == 0


def test_the_tasks_are_scheduled_by_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"projecten.votes.tasks.close_due_votes", "projecten.votes.tasks.remind_voters"} <= tasks


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_vote_another_worker_holds_is_skipped_not_closed_twice():
    """Worker A holds the vote row (it is closing it); worker B's run skips it instead of
    waiting and closing it a second time."""
    smederij = factories.SmederijFactory()
    regisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    member(smederij)
    proposal = factories.ProposalFactory(
        smederij=smederij, status="in_review", submitted_at=START, year=2013
    )
    from django.utils import timezone

    closes_at = timezone.now() + 2 * HOUR
    vote = vote_open(proposal=proposal, actor=regisseur, closes_at=closes_at)
    later = closes_at + MINUTE
    locked = threading.Event()
    release = threading.Event()

    def worker_a():
        try:
            with transaction.atomic():
                AssessmentVote.objects.select_for_update().get(pk=vote.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=worker_a)
    thread.start()
    assert locked.wait(10)
    try:
        assert votes_close_due(now=later) == 0
    finally:
        release.set()
        thread.join()
    assert votes_close_due(now=later) == 1
    assert votes_close_due(now=later) == 0
    vote.refresh_from_db()
    assert vote.closed_at == later
