import time
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from config.celery import app as celery_app
from smederijen.notifications import email_after_commit

WELCOME = {
    "to": ["anna@example.org"],
    "template": "emails/welcome",
    "context": {"name": "Anna", "url": "https://smederijen.example/"},
}


@pytest.mark.django_db
def test_email_is_sent_only_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email_after_commit(**WELCOME)
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject == "Welkom bij de Smederijen, Anna"
    assert "https://smederijen.example/" in message.alternatives[0][0]


@pytest.mark.django_db(transaction=True)
def test_no_email_when_the_transaction_rolls_back():
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        email_after_commit(**WELCOME)
        raise Refused

    assert mail.outbox == []


@pytest.mark.redis
def test_email_task_travels_through_redis_to_a_worker(monkeypatch, request):
    """The task, its arguments and the broker settings survive a real round trip."""
    from celery.contrib.testing.worker import start_worker

    broker = settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0"
    monkeypatch.setitem(celery_app.conf, "broker_url", broker)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    # A queue of its own for this run: no worker elsewhere takes the task, and no
    # message left over from an interrupted run reaches this worker.
    monkeypatch.setitem(
        celery_app.conf, "task_default_queue", f"smederijen-test-{uuid.uuid4().hex}"
    )
    from smederijen.tasks import send_templated_email

    # Connections made earlier in the run were made for another broker setting; start afresh.
    celery_app.close()
    request.addfinalizer(celery_app.close)
    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING", pool="solo"):
        send_templated_email.apply_async(kwargs={**WELCOME, "language": "en"})
        deadline = time.monotonic() + 60
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.1)

    assert [m.subject for m in mail.outbox] == ["Welcome to the Smederijen, Anna"]
