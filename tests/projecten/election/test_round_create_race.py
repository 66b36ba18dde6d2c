"""Two set-ups of the same Smederij's election at once, on PostgreSQL (SQLite has no row locks)."""

import contextlib
import threading

import pytest
from django.db import connection

from projecten.election import services
from projecten.errors import ProposalError
from projecten.models import DecisionMethod, ElectionRound

from .test_rounds import rules

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def hold_after_the_checks(monkeypatch, parties):
    """Both requests meet after their checks if nothing keeps them apart (without the lock
    they both get there); with the lock the second never arrives and the first goes on."""
    barrier = threading.Barrier(parties)
    check_rules = services._check_rules

    def held(*args, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)
        return check_rules(*args, **kwargs)

    monkeypatch.setattr(services, "_check_rules", held)


def run_together(calls):
    errors: list[Exception] = []
    start = threading.Barrier(len(calls))

    def worker(call):
        try:
            start.wait()
            call()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def test_two_set_ups_at_once_make_exactly_one_round(
    smederij, gebiedsregisseur, share, year, monkeypatch
):
    hold_after_the_checks(monkeypatch, 2)

    def create():
        services.round_create(smederij=smederij, actor=gebiedsregisseur, year=year, rules=rules())

    errors = run_together([create, create])

    assert ElectionRound.objects.filter(smederij=smederij, year=year).count() == 1
    assert DecisionMethod.objects.filter(smederij=smederij, year=year).count() == 1
    # The second is refused with the readable reason, not a database error.
    assert len(errors) == 1
    assert isinstance(errors[0], ProposalError), repr(errors[0])
