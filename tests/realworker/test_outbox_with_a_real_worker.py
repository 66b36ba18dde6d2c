"""Nothing is lost between the database and the queue, with a real worker (issue 15, item 2).

A proposal submitted through the service is mailed by a Celery worker process; a worker
killed (kill -9) halfway through the mail leaves it to the next worker, which sends it once;
with Redis stopped an approval succeeds, and the letter goes out once Redis is back.
"""

# ruff: noqa: F811

import re
from decimal import Decimal

import pytest
from django.db import transaction

from projecten.decisions.services import proposal_approve
from projecten.proposals.services import BudgetLineData, proposal_create_draft, proposal_submit
from smederijen.models import OutboxMessage
from tests import factories
from tests.brokers import celery_broker
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    deciding,
    in_june_2013,
    share,
)
from tests.realworker.conftest import message_ids, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

FIELDS = {
    "klap": "korte",
    "year": 2013,
    "title": "Jeu de boules baan bij het Wolfsbos",
    "summary": "Een baan waar buren elkaar elke week ontmoeten.",
    "description": "Een jeu de boules baan naast het buurthuis, voor jong en oud.",
    "social_side": "Ouderen en jongeren spelen samen; de club houdt de baan bij.",
    "theme": "ontmoeting",
    "location": "Naast buurthuis De Schakel",
    "eigen_inzet": "Wij leggen de baan zelf aan met de buurtvereniging.",
    "draagvlak": "32 buren tekenden de lijst.",
    "amount_requested": Decimal("1200.00"),
}


@pytest.fixture(autouse=True)
def _short_lease(settings):
    # Rows of these tests are due for the relay two seconds after they were decided on.
    settings.OUTBOX_LEASE_SECONDS = 2


def _submit(resident):
    import datetime

    fields = {
        **FIELDS,
        "start_date": datetime.date(2013, 5, 1),
        "end_date": datetime.date(2013, 9, 30),
    }
    proposal = proposal_create_draft(
        actor=resident, fields=fields, budget_lines=[BudgetLineData("Ballen", Decimal("1200"))]
    )
    proposal_submit(proposal=proposal, actor=resident)
    return proposal


def _sent(mailbox, messages) -> bool:
    found = message_ids(mailbox)
    return (
        all(found[m.kwargs["message_id"]] for m in messages)
        and not OutboxMessage.objects.pending().exists()
    )


def test_a_submitted_proposal_is_mailed_by_a_worker(
    redis_server, start_worker, mailbox, smederij, resident, budget_year
):
    factories.WijkteamMembershipFactory(wijkteam=smederij.wijkteam)
    start_worker()

    with celery_broker(redis_server.url):
        _submit(resident)

    messages = list(OutboxMessage.objects.all())
    assert {m.kwargs["template"] for m in messages} == {
        "emails/proposal_status",
        "emails/proposal_submitted",
    }
    wait_for(lambda: _sent(mailbox, messages), 30, "the worker to send both mails")
    assert sorted(message_ids(mailbox).values()) == [1, 1]


def _held_by_a_worker(message) -> bool:
    with transaction.atomic():
        free = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message.pk)
        return not free.exists()


def test_a_worker_killed_halfway_leaves_the_mail_to_the_next_which_sends_it_once(
    redis_server, start_worker, mailbox, resident, budget_year
):
    slow = start_worker(OUTBOX_TEST_PAUSE_SECONDS="60")
    with celery_broker(redis_server.url):
        _submit(resident)  # no wijkteam members: one mail, to the submitter
    message = OutboxMessage.objects.get()

    wait_for(lambda: _held_by_a_worker(message), 30, "the slow worker to claim the mail")
    slow.kill_hard()
    wait_for(lambda: not _held_by_a_worker(message), 10, "PostgreSQL to release the claim")
    assert message_ids(mailbox) == {}

    task_id = re.search(r"deliver_outbox_message\[([0-9a-f-]+)\] received", slow.output())[1]

    # Two ways back, whichever comes first: the next worker asks for a relay when it starts,
    # and Redis hands it the task the dead worker never acknowledged (visibility timeout:
    # 5 s here). One of them sends the mail; the other finds it sent and does nothing.
    next_worker = start_worker()
    wait_for(lambda: _sent(mailbox, [message]), 30, "the next worker to send the mail")
    wait_for(
        lambda: (
            re.search(rf"{task_id}\] succeeded", next_worker.output())
            and re.search(r"relay_outbox\[\S+\] succeeded", next_worker.output())
        ),
        30,
        "the unacknowledged task to come back, and the relay at worker start",
        every=0.5,
    )
    assert message_ids(mailbox) == {message.kwargs["message_id"]: 1}
    message.refresh_from_db()
    assert message.sent_at is not None


def test_with_redis_stopped_an_approval_succeeds_and_the_letter_goes_once_it_is_back(
    redis_server, start_worker, mailbox, deciding, gebiedsregisseur
):
    worker = start_worker(beat=True)
    redis_server.stop()
    try:
        with celery_broker(redis_server.url):
            proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1250.00")
    finally:
        redis_server.start()

    letter = OutboxMessage.objects.get(kwargs__template="emails/decision_letter")
    assert letter.sent_at is None
    # The worker reconnects; beat's relay (every second here, every minute in production)
    # hands the letter over.
    wait_for(lambda: _sent(mailbox, [letter]), 60, "the letter after Redis came back", every=0.5)
    assert message_ids(mailbox) == {letter.kwargs["message_id"]: 1}
    assert worker.process.poll() is None
