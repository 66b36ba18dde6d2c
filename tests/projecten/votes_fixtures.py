"""Shared fixtures of the vote tests: a fixed clock, a proposal in review, the voters."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests import factories

AMS = ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2013, 3, 1, 12, 0, tzinfo=AMS)
CLOSES = START + datetime.timedelta(days=7)


@pytest.fixture
def clock(db):
    """A fixed clock on 1 March 2013, 12:00; tests move it with clock.move_to()."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def in_review(clock, resident, smederij):
    return factories.ProposalFactory(
        smederij=smederij,
        submitter=resident,
        year=2013,
        status="in_review",
        submitted_at=START,
    )


@pytest.fixture
def lange_in_review(clock, resident, smederij):
    return factories.ProposalFactory(
        smederij=smederij,
        submitter=resident,
        year=2013,
        klap="lange",
        status="in_review",
        submitted_at=START,
        amount_requested="25000.00",
    )


def member(smederij):
    user = factories.ResidentFactory(home_area=smederij.area)
    factories.InitiatiefgroepMembershipFactory(user=user, smederij=smederij)
    return user


@pytest.fixture
def voters(smederij):
    """Three initiatiefgroep members without a conflict of interest."""
    return [member(smederij) for _ in range(3)]
