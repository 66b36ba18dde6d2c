"""Twenty posts of one form at the same moment, on PostgreSQL: one proposal, one mail to the
wijkteam, one payment (decision 0022).

Each thread has its own test client, logged in, and its own database connection
(closed when it ends); a barrier releases them together. The form's token row
is inserted first under a unique index, so the posts after the first wait for
it to commit and then go where it went. Without `submit_once` every post is a
correct request of its own: twenty proposals, twenty mails, twenty payments.
"""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

import threading
import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from budget.models import Payment
from projecten.decisions.services import proposal_approve
from projecten.models import Proposal, ProposalStatus
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    closed_vote,
    deciding,
    in_june_2013,
    share,
)
from tests.projecten.views.test_proposals import form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

POSTS = 20


def _post_at_once(user, url: str, data: dict, posts: int = POSTS) -> list:
    """POST `data` to `url` from `posts` logged-in clients released at the same moment."""
    clients = []
    for _ in range(posts):
        client = Client()
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(posts)
    outcomes = [None] * posts

    def run(position):
        try:
            with translation.override("en"):
                barrier.wait(timeout=30)
                outcomes[position] = clients[position].post(url, data)
        except Exception as error:  # every outcome is inspected by the test
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(position,)) for position in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_twenty_posts_of_one_new_proposal_form_submit_one_proposal_and_send_one_mail(
    resident, professional, complete_fields, budget_year
):
    data = {**form_data(complete_fields), "submission_token": str(uuid.uuid4())}

    outcomes = _post_at_once(resident, reverse("projecten:proposal-create"), data)

    proposal = Proposal.objects.get()  # exactly one
    assert proposal.status == ProposalStatus.SUBMITTED
    assert [getattr(o, "status_code", o) for o in outcomes] == [302] * POSTS
    assert {o["Location"] for o in outcomes} == {proposal.get_absolute_url()}
    to_wijkteam = [m for m in mail.outbox if professional.email in m.to]
    assert len(to_wijkteam) == 1, [m.subject for m in mail.outbox]
    assert len(mail.outbox) == 2, "and one to the submitter"


def test_twenty_posts_of_one_edit_form_with_submit_submit_once_and_none_is_refused(
    resident, professional, draft, complete_fields
):
    """The posts that come after the first commit find the proposal submitted, which may not
    be edited (403): they are sent to it all the same."""
    url = reverse("projecten:proposal-update", args=[draft.pk])
    data = {**form_data(complete_fields), "submission_token": str(uuid.uuid4())}

    outcomes = _post_at_once(resident, url, data)

    assert [getattr(o, "status_code", o) for o in outcomes] == [302] * POSTS
    assert {o["Location"] for o in outcomes} == {draft.get_absolute_url()}
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.SUBMITTED
    assert len([m for m in mail.outbox if professional.email in m.to]) == 1


@pytest.fixture
def approved(deciding, gebiedsregisseur):
    proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    deciding.refresh_from_db()
    return deciding


def test_twenty_posts_of_one_payment_form_pay_once(approved, gebiedsregisseur):
    url = reverse("projecten:money-payment", kwargs={"pk": approved.pk})
    data = {"payment-amount": "40,00", "submission_token": str(uuid.uuid4())}

    outcomes = _post_at_once(gebiedsregisseur, url, data)

    assert [getattr(o, "status_code", o) for o in outcomes] == [302] * POSTS
    assert {o["Location"] for o in outcomes} == {reverse("projecten:money", args=[approved.pk])}
    assert list(Payment.objects.values_list("amount", flat=True)) == [Decimal("40.00")]
