"""On PostgreSQL the database itself refuses to rewrite or remove a money record."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from budget import services
from budget.models import Grant, Payment, Release

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def grant(share, krakeel, grant_for):
    return grant_for(smederij=krakeel, amount="1000.00")


def refused(statement):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        statement()


def test_a_payment_cannot_be_changed_or_removed(grant, actor):
    payment = services.payment_create(grant=grant, amount=Decimal("400.00"), actor=actor)

    refused(lambda: Payment.objects.filter(pk=payment.pk).update(amount=Decimal("40.00")))
    refused(lambda: Payment.objects.filter(pk=payment.pk).delete())
    assert Payment.objects.get(pk=payment.pk).amount == Decimal("400.00")


def test_a_grant_amount_cannot_be_changed_nor_the_grant_removed(grant):
    refused(lambda: Grant.objects.filter(pk=grant.pk).update(amount=Decimal("9999.00")))
    refused(lambda: Grant.objects.filter(pk=grant.pk).delete())


def test_closing_a_grant_is_the_one_change_allowed_and_only_once(grant, actor):
    services.grant_release(grant=grant, actor=actor, reason="Gaat niet door")
    grant.refresh_from_db()
    assert grant.closed_at is not None

    refused(lambda: Grant.objects.filter(pk=grant.pk).update(closed_at=timezone.now()))
    refused(lambda: Grant.objects.filter(pk=grant.pk).update(closed_at=None))
    refused(lambda: Release.objects.filter(grant=grant).update(reason="Anders"))


def test_closing_cannot_smuggle_in_another_change(grant):
    refused(
        lambda: Grant.objects.filter(pk=grant.pk).update(
            closed_at=timezone.now(), amount=Decimal("1.00")
        )
    )


def test_maintenance_must_be_said_explicitly_to_remove_rows(grant, actor):
    payment = services.payment_create(grant=grant, amount=Decimal("100.00"), actor=actor)

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL smederijen.ledger_maintenance = 'on'")
        Payment.objects.filter(pk=payment.pk).delete()

    assert not Payment.objects.filter(pk=payment.pk).exists()
