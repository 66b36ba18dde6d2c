"""Fixtures after funding: a running project with a budget, and a group of the area.

Imported by name in the verantwoording and shared goods tests.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from projecten.models import ProposalStatus
from tests import factories

END = datetime.date(2013, 9, 30)
DUE = datetime.date(2013, 10, 28)  # four weeks after the end


@pytest.fixture
def running(resident, smederij, budget_year):
    """An approved korte klap project of `resident`, with two budget lines, ended 30-09-2013."""
    proposal = factories.ProposalFactory(
        smederij=smederij,
        submitter=resident,
        year=2013,
        status=ProposalStatus.IN_PROGRESS,
        submitted_at=timezone.now(),
        start_date=datetime.date(2013, 5, 1),
        end_date=END,
        amount_requested=Decimal("1500.00"),
    )
    factories.BudgetLineFactory(
        proposal=proposal, description="Ballen en baan", amount=Decimal("1000.00"), position=0
    )
    factories.BudgetLineFactory(
        proposal=proposal, description="Openingsfeest", amount=Decimal("500.00"), position=1
    )
    return proposal


@pytest.fixture
def area_group(smederij):
    return factories.GroupFactory(area=smederij.area)


@pytest.fixture
def group_member(smederij, area_group):
    """A resident in a group of the Smederij's area (the buurtvereniging)."""
    user = factories.ResidentFactory(home_area=smederij.area)
    factories.GroupMembershipFactory(group=area_group, user=user)
    return user
