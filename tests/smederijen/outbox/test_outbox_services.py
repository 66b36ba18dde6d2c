"""The outbox (decision 0036): stored with the transaction, sent after it, once."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from smederijen.models import OutboxMessage
from smederijen.notifications import email_after_commit
from smederijen.outbox import services
from smederijen.outbox.handlers import outbox_handler
from smederijen.outbox.services import (
    outbox_deliver,
    outbox_purge_sent,
    outbox_put,
    outbox_relay,
)
from smederijen.outbox.tasks import relay_at_worker_start
from tests.brokers import celery_broker, unreachable_broker_url

WELCOME = {
    "to": ["anna@example.org"],
    "template": "emails/welcome",
    "context": {"name": "Anna", "url": "https://smederijen.example/"},
}
DOWN = "tests.smederijen.outbox.backends.DownBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@outbox_handler("tests.broken")
def broken(**kwargs):
    raise ValueError("a bug in the handler")


def _later(seconds: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


@pytest.mark.django_db
def test_a_mail_waits_in_the_outbox_until_commit_and_is_then_marked_sent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(**WELCOME)
        message = OutboxMessage.objects.get()
        assert message.sent_at is None
        assert mail.outbox == []

    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    # The Message-ID was fixed in the transaction: a copy sent after a crash carries it too.
    assert mail.outbox[0].extra_headers["Message-ID"] == message.kwargs["message_id"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_no_message():
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        email_after_commit(**WELCOME)
        raise Refused

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_message_delivered_twice_is_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(**WELCOME)
    message = OutboxMessage.objects.get()

    assert outbox_deliver(message_id=message.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_unknown_handler_fails_in_the_deciding_transaction():
    with pytest.raises(LookupError):
        outbox_put(handler="smederijen.no_such_work", kwargs={})


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_message_another_worker_holds_is_left_to_it(settings):
    settings.EMAIL_BACKEND = DOWN  # the handover after commit fails; the row stays pending
    email_after_commit(**WELCOME)
    message = OutboxMessage.objects.get()
    settings.EMAIL_BACKEND = LOCMEM
    holding, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            OutboxMessage.objects.select_for_update().get(pk=message.pk)
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert holding.wait(10)
        assert outbox_deliver(message_id=message.pk) is False
        with _later(3600):
            assert outbox_relay() == 0
    finally:
        release.set()
        thread.join()
    assert mail.outbox == []
    assert outbox_deliver(message_id=message.pk) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_mail_server_that_is_down_raises_nothing_and_the_relay_sends_later(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(**WELCOME)

    message = OutboxMessage.objects.get()
    assert message.sent_at is None
    assert message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    assert outbox_relay() == 0  # not before the retry is due

    settings.EMAIL_BACKEND = LOCMEM
    with _later(settings.OUTBOX_LEASE_SECONDS + 601):
        assert outbox_relay() == 1
        assert outbox_relay() == 0
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.last_error == ""


@pytest.mark.django_db
def test_a_message_that_keeps_failing_is_given_up_after_the_last_attempt(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = DOWN
    settings.OUTBOX_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(**WELCOME)
    with _later(settings.OUTBOX_LEASE_SECONDS + 601):
        assert outbox_relay() == 1

    message = OutboxMessage.objects.get()
    assert message.attempts == 2
    assert message.failed_at is not None
    with _later(10 * 86400):
        assert outbox_relay() == 0


@pytest.mark.django_db
def test_a_program_error_gives_the_message_up_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox_put(handler="tests.broken", kwargs={"anything": 1})

    message = OutboxMessage.objects.get()
    assert message.failed_at is not None
    assert message.sent_at is None
    assert message.last_error == "ValueError: a bug in the handler"
    with _later(10 * 86400):
        assert outbox_relay() == 0


@pytest.mark.django_db
def test_the_relay_leaves_a_message_alone_within_its_lease():
    outbox_put(handler="smederijen.email", kwargs=WELCOME)  # never handed over: no commit

    assert outbox_relay() == 0
    with _later(299):
        assert outbox_relay() == 0
    with _later(301):
        assert outbox_relay() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_messages_wait_for_the_relay_and_the_request_does_not(settings):
    with celery_broker(unreachable_broker_url()):
        with transaction.atomic():
            email_after_commit(**WELCOME)
            email_after_commit(**{**WELCOME, "to": ["bert@example.org"]})
        # One refusal is enough: this process leaves the next handovers to the relay.
        assert services._broker_rests_until > 0
        with transaction.atomic():
            email_after_commit(**{**WELCOME, "to": ["carla@example.org"]})

    assert mail.outbox == []
    assert OutboxMessage.objects.pending().filter(relay_after__lte=timezone.now()).count() == 3
    # A worker that starts asks for a relay at once (eager here: it runs now).
    relay_at_worker_start()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org",
        "bert@example.org",
        "carla@example.org",
    ]
    assert not OutboxMessage.objects.pending().exists()


@pytest.mark.django_db
def test_sent_messages_are_forgotten_after_the_keeping_period(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(**WELCOME)
        outbox_put(handler="tests.broken", kwargs={})

    with _later(settings.OUTBOX_KEEP_DAYS * 86400 - 60):
        assert outbox_purge_sent() == 0
    with _later(settings.OUTBOX_KEEP_DAYS * 86400 + 60):
        assert outbox_purge_sent() == 1
    # What was given up stays, for a maintainer to look at.
    assert list(OutboxMessage.objects.values_list("handler", flat=True)) == ["tests.broken"]
