"""The delivery task: a passing error is retried with backoff, never raised at the user."""

from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail

from smederijen.models import OutboxMessage
from smederijen.outbox.services import outbox_put
from smederijen.outbox.tasks import deliver_outbox_message

WELCOME = {
    "to": ["anna@example.org"],
    "template": "emails/welcome",
    "context": {"name": "Anna", "url": "https://smederijen.example/"},
}


def test_the_delivery_task_is_acknowledged_late_and_requeued_when_its_worker_dies():
    assert deliver_outbox_message.acks_late is True
    assert deliver_outbox_message.reject_on_worker_lost is True


@pytest.mark.django_db
def test_a_passing_error_on_a_worker_is_retried_with_a_growing_countdown(settings):
    settings.EMAIL_BACKEND = "tests.smederijen.outbox.backends.DownBackend"
    message = outbox_put(handler="smederijen.email", kwargs=WELCOME)
    countdowns = []

    def retry(*, exc, countdown):
        countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)

    with mock.patch.object(deliver_outbox_message, "retry", side_effect=retry):
        for retries in range(3):
            deliver_outbox_message.push_request(is_eager=False, retries=retries)
            try:
                with pytest.raises(Retry):
                    deliver_outbox_message.run(message.pk)
            finally:
                deliver_outbox_message.pop_request()

    message.refresh_from_db()
    assert message.attempts == 3
    assert all(1 <= c <= 10 * 2**n for n, c in enumerate(countdowns))
    # The relay stays away until the retry is due.
    assert message.relay_after > message.created_at
    assert mail.outbox == []


@pytest.mark.django_db
def test_after_the_last_retry_the_message_is_left_to_the_relay(settings):
    settings.EMAIL_BACKEND = "tests.smederijen.outbox.backends.DownBackend"
    message = outbox_put(handler="smederijen.email", kwargs=WELCOME)

    deliver_outbox_message.push_request(is_eager=False, retries=deliver_outbox_message.max_retries)
    try:
        assert deliver_outbox_message.run(message.pk) is False
    finally:
        deliver_outbox_message.pop_request()

    assert OutboxMessage.objects.pending().filter(pk=message.pk).exists()
