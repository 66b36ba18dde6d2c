"""Opening a vote and setting how the Smederij decides are checked-then-written under one lock.

`vote_open` reads the Smederij's method (assessment: the initiatiefgroep votes) and then
inserts the vote; `decision_method_set` reads whether deciding has started (a vote exists)
and then sets the method. Without a shared lock both can pass their check at once and the
Smederij ends up deciding by election with an initiatiefgroep vote open (issue 10, item 3).
Both now lock the Smederij row first.
"""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from projecten.errors import ProposalError
from projecten.models import AssessmentVote, DecisionMethod
from projecten.review.services import decision_method_set
from projecten.votes import services as vote_services
from tests import factories
from tests.projecten.votes_fixtures import START, member


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_vote_and_a_switch_to_the_election_never_both_go_through(monkeypatch):
    smederij = factories.SmederijFactory()
    regisseur = factories.GebiedsregisseurAssignmentFactory(wijkteam=smederij.wijkteam).user
    member(smederij)
    proposal = factories.ProposalFactory(
        smederij=smederij, status="in_review", submitted_at=START, year=2013, klap="korte"
    )
    checked, go = threading.Event(), threading.Event()
    real_refusal = vote_services.vote_open_refusal

    def refusal_then_wait(*args, **kwargs):
        # vote_open has read the method and found no reason to refuse: hold it here, in
        # its transaction, while the gebiedsregisseur's second tab switches to the election.
        result = real_refusal(*args, **kwargs)
        checked.set()
        go.wait(5)
        return result

    monkeypatch.setattr(vote_services, "vote_open_refusal", refusal_then_wait)
    outcomes = {}

    def open_the_vote():
        try:
            vote_services.vote_open(
                proposal=proposal,
                actor=regisseur,
                closes_at=timezone.now() + datetime.timedelta(days=7),
            )
            outcomes["vote"] = "opened"
        except ProposalError as error:
            outcomes["vote"] = error.code
        finally:
            connection.close()

    def switch_to_the_election():
        try:
            decision_method_set(smederij=smederij, year=2013, method="election", actor=regisseur)
            outcomes["method"] = "set"
        except ProposalError:
            outcomes["method"] = "refused"
        finally:
            connection.close()

    first = threading.Thread(target=open_the_vote)
    first.start()
    assert checked.wait(10)
    second = threading.Thread(target=switch_to_the_election)
    second.start()
    second.join(1.5)  # with the lock it waits for the vote; without, it is done by now
    go.set()
    first.join(10)
    second.join(10)

    assert outcomes == {"vote": "opened", "method": "refused"}
    assert AssessmentVote.objects.filter(proposal=proposal).count() == 1
    assert not DecisionMethod.objects.filter(smederij=smederij, method="election").exists()
