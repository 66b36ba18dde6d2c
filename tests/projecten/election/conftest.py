"""An election of the Smederij in the current year: a share, a round, ideas on its ballot."""

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase
from django.utils import timezone

from projecten.election import services
from projecten.models import ElectionIdea, ElectionRound, ProposalStatus
from tests import factories

HOUR = datetime.timedelta(hours=1)


def this_year() -> int:
    return timezone.localdate().year


@pytest.fixture
def year():
    return this_year()


@pytest.fixture
def share(smederij, year):
    budget_year = factories.BudgetYearFactory(year=year)
    return factories.SmederijShareFactory(
        budget_year=budget_year, smederij=smederij, amount=Decimal("7500.00")
    )


def make_round(smederij, creator, **fields) -> ElectionRound:
    now = timezone.now()
    values = {
        "year": this_year(),
        "budget": Decimal("5000.00"),
        "ideas_deadline": now - 2 * HOUR,
        "opens_at": now - HOUR,
        "closes_at": now + HOUR,
        "ballot_fixed_at": now - HOUR,
    }
    values.update(fields)
    return ElectionRound.objects.create(smederij=smederij, created_by=creator, **values)


def make_idea(election_round, amount, **fields) -> ElectionIdea:
    proposal = factories.ProposalFactory(
        smederij=election_round.smederij,
        year=election_round.year,
        status=ProposalStatus.DECIDING,
        submitted_at=fields.pop("submitted_at", timezone.now()),
        amount_requested=Decimal(amount),
        **fields,
    )
    return ElectionIdea.objects.create(election_round=election_round, proposal=proposal)


@pytest.fixture
def open_round(smederij, gebiedsregisseur, share):
    return make_round(smederij, gebiedsregisseur)


@pytest.fixture
def ideas(open_round):
    """Three ideas: € 2.000, € 1.500 and € 1.000."""
    return [make_idea(open_round, amount) for amount in ("2000.00", "1500.00", "1000.00")]


def voters(smederij, n):
    return [factories.ResidentFactory(home_area=smederij.area) for _ in range(n)]


def close_and_count(**kwargs):
    """The beat's close, and the count it hands to the background task once it commits
    (eager Celery runs it at once; these tests run in a transaction that never commits,
    so the callbacks are run here)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.close_due_rounds(**kwargs)
