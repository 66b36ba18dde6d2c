"""Fixtures for the decision and the money after it: a proposal being decided, a closed vote,
the Smederij's korte klap share of 2013, and a clock in June 2013 (grants draw from the
year of the decision).

Imported by name in the decision and money tests.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from projecten.models import AssessmentVote, ProposalStatus, VoteBody, VoteOutcome
from tests import factories

AMS = ZoneInfo("Europe/Amsterdam")
DECISION_DAY = datetime.datetime(2013, 6, 15, 12, 0, tzinfo=AMS)
END = datetime.date(2013, 9, 30)
DUE = datetime.date(2013, 10, 28)  # four weeks after the end


@pytest.fixture
def in_june_2013():
    with time_machine.travel(DECISION_DAY, tick=True):
        yield


@pytest.fixture
def share(smederij, budget_year):
    return factories.SmederijShareFactory(
        budget_year=budget_year, smederij=smederij, amount=Decimal("7500.00")
    )


def closed_vote(proposal, *, outcome=VoteOutcome.ADOPTED, body=VoteBody.INITIATIEFGROEP):
    opened = timezone.now() - datetime.timedelta(days=7)
    votes_for, votes_against = (3, 1) if outcome == VoteOutcome.ADOPTED else (1, 3)
    return AssessmentVote.objects.create(
        proposal=proposal,
        body=body,
        opened_by=factories.UserFactory(),
        opened_at=opened,
        closes_at=opened + datetime.timedelta(days=5),
        closed_at=opened + datetime.timedelta(days=5),
        eligible_count=5,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=0,
        outcome=outcome,
    )


def make_deciding(smederij, submitter, *, amount="1250.00", klap="korte", **fields):
    proposal = factories.ProposalFactory(
        smederij=smederij,
        submitter=submitter,
        klap=klap,
        year=2013,
        status=ProposalStatus.DECIDING,
        submitted_at=timezone.now(),
        start_date=datetime.date(2013, 5, 1),
        end_date=END,
        amount_requested=Decimal(amount),
        **fields,
    )
    factories.BudgetLineFactory(proposal=proposal, amount=Decimal(amount))
    return proposal


@pytest.fixture
def deciding(in_june_2013, resident, smederij, share):
    """A korte klap proposal of `resident` asking € 1.250,00, being decided, vote adopted."""
    proposal = make_deciding(smederij, resident)
    closed_vote(proposal)
    return proposal
