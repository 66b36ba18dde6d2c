"""A ballot in flight at the closing moment, on PostgreSQL with threads (SQLite has no row locks).

The invariants: a ballot either commits before the close and is counted, or is refused with
a clear message; no voter is still linked to a ballot after the close; a recount equals the
count.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import translation

from projecten.election import services
from projecten.errors import ProposalError
from projecten.models import Ballot, BallotChoice, BallotVoter, ElectionRound

from .conftest import voters

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT = 10  # seconds: generous on a loaded machine; a healthy run never waits this long


def in_thread(call, errors):
    def run():
        try:
            call()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def assert_counted_whole(election_round, gebiedsregisseur):
    election_round = ElectionRound.objects.get(pk=election_round.pk)
    assert election_round.counted_at is not None
    # No voter link survives the close.
    assert not BallotVoter.objects.filter(ballot__isnull=False).exists()
    # Every stored ballot is counted, and every participant has a stored ballot.
    ballots = Ballot.objects.filter(election_round=election_round).count()
    assert ballots == BallotVoter.objects.filter(election_round=election_round).count()
    assert election_round.online_voters == ballots
    counted_votes = sum(idea.votes or 0 for idea in election_round.ideas.all())
    assert (
        counted_votes == BallotChoice.objects.filter(ballot__election_round=election_round).count()
    )
    assert services.round_recount(election_round=election_round, actor=gebiedsregisseur).same
    return election_round


def test_a_ballot_in_flight_at_the_close_is_counted_before_the_close_goes_on(
    open_round, ideas, smederij, gebiedsregisseur, time_machine, monkeypatch
):
    early, late = voters(smederij, 2)
    services.ballot_cast(
        election_round=open_round, actor=early, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    in_flight, release, closed = threading.Event(), threading.Event(), threading.Event()
    check_choice = services._check_choice

    def held(election_round, idea_ids):
        # Inside ballot_cast, after its window check and before it writes anything.
        if threading.current_thread() is not threading.main_thread():
            in_flight.set()
            release.wait(WAIT)
        return check_choice(election_round, idea_ids)

    monkeypatch.setattr(services, "_check_choice", held)
    errors: list[Exception] = []
    ballot = in_thread(
        lambda: services.ballot_cast(
            election_round=open_round, actor=late, idea_ids=[ideas[1].pk], age_confirmed=True
        ),
        errors,
    )
    assert in_flight.wait(WAIT)
    time_machine.move_to(open_round.closes_at + datetime.timedelta(seconds=1))

    def close():
        services.round_close(election_round=open_round)
        closed.set()

    closing = in_thread(close, errors)
    # The close must wait for the ballot in flight; give it time to (wrongly) go ahead.
    closed_early = closed.wait(1)
    release.set()
    ballot.join(WAIT)
    closing.join(WAIT)

    assert errors == []
    assert not closed_early, "round_close went ahead while a ballot was in flight"
    election_round = assert_counted_whole(open_round, gebiedsregisseur)
    assert election_round.online_voters == 2


def test_a_ballot_that_comes_while_the_close_runs_is_refused(
    open_round, ideas, smederij, gebiedsregisseur, time_machine, monkeypatch
):
    early, late = voters(smederij, 2)
    services.ballot_cast(
        election_round=open_round, actor=early, idea_ids=[ideas[0].pk], age_confirmed=True
    )
    closing_started, release = threading.Event(), threading.Event()
    close_voting = services._close_voting

    def held(election_round, now):
        # Inside round_close, with the round locked FOR UPDATE, before the links are cut.
        closing_started.set()
        release.wait(WAIT)
        return close_voting(election_round, now)

    monkeypatch.setattr(services, "_close_voting", held)
    # The ballot read the window just before the closing moment (the early check passes),
    # and reaches the lock while the close holds it.
    first_check = threading.Event()
    check_window = services._check_window

    def window(election_round, now):
        check_window(election_round, now)
        if not first_check.is_set():
            first_check.set()
            time_machine.move_to(open_round.closes_at + datetime.timedelta(seconds=1))
            errors_close.append(
                in_thread(lambda: services.round_close(election_round=open_round), errors)
            )
            assert closing_started.wait(WAIT)
            threading.Timer(0.5, release.set).start()

    errors: list[Exception] = []
    errors_close: list[threading.Thread] = []
    monkeypatch.setattr(services, "_check_window", window)
    with translation.override("en"), pytest.raises(ProposalError) as refused:
        services.ballot_cast(
            election_round=open_round, actor=late, idea_ids=[ideas[1].pk], age_confirmed=True
        )
    for thread in errors_close:
        thread.join(WAIT)

    assert errors == []
    assert "your ballot has not been recorded" in refused.value.message
    election_round = assert_counted_whole(open_round, gebiedsregisseur)
    assert election_round.online_voters == 1
    assert not BallotVoter.objects.filter(voter=late).exists()
