import time
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

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


@pytest.mark.django_db
def test_subject_and_text_are_plain_and_only_the_html_part_escapes(
    django_capture_on_commit_callbacks,
):
    typed = '<svg onload="alert(1)"> & "Buren"'
    with django_capture_on_commit_callbacks(execute=True):
        email_after_commit(**{**WELCOME, "context": {**WELCOME["context"], "name": typed}})
    message = mail.outbox[0]
    assert message.subject == f"Welkom bij de Smederijen, {typed}"
    assert typed in message.body
    html = message.alternatives[0][0]
    assert "<svg" not in html
    assert "&lt;svg onload=&quot;alert(1)&quot;&gt; &amp; &quot;Buren&quot;" in html


@pytest.mark.django_db(transaction=True)
def test_no_email_when_the_transaction_rolls_back():
    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        email_after_commit(**WELCOME)
        raise Refused

    assert mail.outbox == []


@pytest.mark.redis
def test_email_task_travels_through_redis_to_a_worker():
    """The task, its arguments and the broker settings survive a real round trip.

    A Celery app of its own, configured like ours but with a queue of its own:
    the project's app may already hold connections and queues from eager runs
    earlier in the session, and no worker elsewhere may take this task.
    """
    from celery import Celery
    from celery.contrib.testing.worker import start_worker

    app = Celery("smederijen-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/0",
        task_always_eager=False,
        task_default_queue=f"smederijen-test-{uuid.uuid4().hex}",
    )
    app.finalize()
    task = app.tasks["smederijen.tasks.send_templated_email"]

    with start_worker(app, perform_ping_check=False, loglevel="WARNING", pool="solo"):
        task.apply_async(kwargs={**WELCOME, "language": "en"})
        deadline = time.monotonic() + 60
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.1)

    assert [m.subject for m in mail.outbox] == ["Welcome to the Smederijen, Anna"]
