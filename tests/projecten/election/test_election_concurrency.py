"""One ballot per resident under parallel requests, on PostgreSQL (SQLite ignores row locks)."""

import threading

import pytest
from django.db import connection

from projecten.election import services
from projecten.models import Ballot, BallotChoice, BallotVoter

from .conftest import voters

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_parallel(calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        try:
            barrier.wait()
            call()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_parallel_ballots_of_one_resident_leave_one_ballot(open_round, ideas, resident):
    choices = [[ideas[0].pk], [ideas[1].pk], [ideas[2].pk], [ideas[0].pk, ideas[1].pk]] * 2

    def cast(choice):
        return lambda: services.ballot_cast(
            election_round=open_round, actor=resident, idea_ids=choice, age_confirmed=True
        )

    errors = run_parallel([cast(choice) for choice in choices])
    assert errors == []
    assert BallotVoter.objects.filter(voter=resident).count() == 1
    assert Ballot.objects.count() == 1
    participation = BallotVoter.objects.get()
    chosen = sorted(BallotChoice.objects.values_list("idea_id", flat=True))
    # One of the requests counts, whole: never a mix of two.
    assert chosen in [sorted(choice) for choice in choices]
    assert participation.times_changed == len(choices) - 1


def test_first_ballots_of_many_residents_in_parallel_all_count(open_round, ideas, smederij):
    residents = voters(smederij, 6)

    def cast(voter):
        return lambda: services.ballot_cast(
            election_round=open_round, actor=voter, idea_ids=[ideas[0].pk], age_confirmed=True
        )

    errors = run_parallel([cast(voter) for voter in residents])
    assert errors == []
    assert BallotVoter.objects.count() == 6
    assert BallotChoice.objects.filter(idea=ideas[0]).count() == 6
    open_round.refresh_from_db()
    assert open_round.frozen_at is not None
