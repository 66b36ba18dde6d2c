import datetime
from decimal import Decimal

import pytest

from tests import factories

IN_2013 = {"start_date": datetime.date(2013, 5, 1), "end_date": datetime.date(2013, 9, 30)}


@pytest.fixture
def budget_year(db):
    return factories.BudgetYearFactory(year=2013)


@pytest.fixture
def complete_fields():
    """Everything a korte klap proposal needs to be submitted."""
    return {
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
        **IN_2013,
    }


@pytest.fixture
def draft(resident, smederij, budget_year):
    proposal = factories.ProposalFactory(
        smederij=smederij, submitter=resident, year=2013, amount_requested=None, summary=""
    )
    return proposal


@pytest.fixture
def submitted(resident, smederij, budget_year):
    from django.utils import timezone

    proposal = factories.ProposalFactory(
        smederij=smederij,
        submitter=resident,
        year=2013,
        status="submitted",
        submitted_at=timezone.now(),
    )
    factories.BudgetLineFactory(proposal=proposal, amount=Decimal("1500.00"))
    return proposal
