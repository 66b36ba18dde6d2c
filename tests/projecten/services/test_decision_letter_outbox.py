"""The decision letter when the queue is down: the approval stands, nobody sees an error,
and the letter goes out once the queue is back (issue 15, decision 0036)."""

# ruff: noqa: F811

import pytest
from django.core import mail

from projecten.decisions.services import proposal_approve
from projecten.models import ProposalStatus
from tests.brokers import celery_broker, unreachable_broker_url
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    deciding,
    in_june_2013,
    share,
)


@pytest.mark.django_db(transaction=True)
def test_approval_with_the_queue_unreachable_raises_nothing_and_the_letter_follows(
    deciding, gebiedsregisseur
):
    with celery_broker(unreachable_broker_url()):
        decision = proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1250.00")

    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.APPROVED
    assert decision.amount is not None
    assert mail.outbox == []

    # The queue is back (here: eager, as without a broker); the relay sends what waited.
    from smederijen.models import OutboxMessage
    from smederijen.outbox.services import outbox_relay

    waiting = OutboxMessage.objects.pending().get()
    assert waiting.kwargs["template"] == "emails/decision_letter"
    assert outbox_relay() == 1
    assert outbox_relay() == 0
    assert [m.to for m in mail.outbox] == [[deciding.submitter.email]]
    waiting.refresh_from_db()
    assert waiting.sent_at is not None
