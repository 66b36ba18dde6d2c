"""A deadlock or serialization failure is retried by the service itself, not shown to people.

The injected error is a real one: PostgreSQL raises SQLSTATE 40P01 inside the
service's transaction (aborting it, as a real deadlock would), once.
"""

from decimal import Decimal

import pytest
from django.db import OperationalError, connection, transaction

from budget import retry, services
from budget.models import Grant, Reallocation
from tests import factories
from tests.budget.conftest import IN_2013, proposal_fields

DEADLOCK = (
    "DO $$ BEGIN RAISE EXCEPTION 'deadlock detected (injected by the test)' "
    "USING ERRCODE = 'deadlock_detected'; END $$"
)


@pytest.fixture
def deadlock_once(monkeypatch):
    """Make the first balance read of a service die of a deadlock; count the reads."""
    calls = []
    real = services.share_balance

    def share_balance(*, share):
        calls.append(share.pk)
        if len(calls) == 1:
            with connection.cursor() as cursor:
                cursor.execute(DEADLOCK)
        return real(share=share)

    monkeypatch.setattr(services, "share_balance", share_balance)
    monkeypatch.setattr(retry, "BASE_DELAY", 0.001)
    return calls


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_deadlocked_grant_is_retried_and_granted_once(
    share, krakeel, actor, make_proposal, deadlock_once, caplog
):
    proposal = make_proposal(smederij=krakeel, amount="500.00")

    grant = services.grant_create(
        **proposal_fields(proposal), amount="500.00", actor=actor, decided_at=IN_2013
    )

    assert len(deadlock_once) == 2  # the first attempt died, the second granted
    assert list(Grant.objects.values_list("pk", "amount")) == [(grant.pk, Decimal("500.00"))]
    assert "deadlock detected" in caplog.text and "attempt 1 of 3" in caplog.text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_deadlocked_reallocation_is_retried(year, share, krakeel, actor, deadlock_once):
    other = factories.SmederijFactory()
    services.shares_set(
        budget_year=year, amounts={other: Decimal("1000.00")}, actor=actor, reason="Verdeling"
    )

    services.share_reallocate(
        budget_year=year,
        from_smederij=krakeel,
        to_smederij=other,
        amount=Decimal("250.00"),
        actor=actor,
        reason="Schuiven",
    )

    assert len(deadlock_once) == 2
    assert Reallocation.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_retries_are_bounded(share, krakeel, actor, make_proposal, monkeypatch):
    monkeypatch.setattr(retry, "BASE_DELAY", 0.001)
    calls = []

    def always_deadlocked(*, share):
        calls.append(share.pk)
        with connection.cursor() as cursor:
            cursor.execute(DEADLOCK)

    monkeypatch.setattr(services, "share_balance", always_deadlocked)
    proposal = make_proposal(smederij=krakeel, amount="500.00")
    with pytest.raises(OperationalError, match="deadlock detected"):
        services.grant_create(**proposal_fields(proposal), amount="500.00", actor=actor)
    assert len(calls) == retry.ATTEMPTS == 3
    assert not Grant.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_inside_a_callers_transaction_the_deadlock_goes_to_the_caller(
    share, krakeel, actor, make_proposal, deadlock_once
):
    # Retrying here would redo only the budget's part of the caller's rolled-back work.
    proposal = make_proposal(smederij=krakeel, amount="500.00")
    with pytest.raises(OperationalError, match="deadlock detected"), transaction.atomic():
        services.grant_create(**proposal_fields(proposal), amount="500.00", actor=actor)
    assert len(deadlock_once) == 1
    assert not Grant.objects.exists()


def test_only_deadlocks_and_serialization_failures_are_retryable():
    class Cause(Exception):
        def __init__(self, sqlstate):
            self.sqlstate = sqlstate

    for sqlstate, expected in (("40P01", True), ("40001", True), ("23505", False), (None, False)):
        try:
            try:
                raise Cause(sqlstate)
            except Cause as cause:
                raise OperationalError("wrapped") from cause
        except OperationalError as error:
            assert retry.is_retryable(error) is expected, sqlstate
