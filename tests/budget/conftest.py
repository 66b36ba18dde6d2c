"""Fixtures for the budget engine: an open year, a Smederij with its share, proposals."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from budget import services
from projecten.models import Klap, ProposalStatus
from tests import factories

AMS = ZoneInfo("Europe/Amsterdam")
IN_2013 = datetime.datetime(2013, 6, 1, 12, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source; tests/budget/test_messages_nl.py checks
    the Dutch."""
    with translation.override("en"):
        yield


@pytest.fixture
def actor(db):
    return factories.UserFactory()


@pytest.fixture
def year(db):
    return services.budget_year_open(
        year=2013,
        total=Decimal("300000.00"),
        korte_klap_pot=Decimal("180000.00"),
        lange_klap_pot=Decimal("120000.00"),
    )


@pytest.fixture
def krakeel(db):
    return factories.SmederijFactory(
        area__name="Krakeel", area__slug="krakeel", area__inhabitants=4000
    )


@pytest.fixture
def share(year, krakeel, actor):
    (share,) = services.shares_set(
        budget_year=year, amounts={krakeel: Decimal("7500.00")}, actor=actor, reason="Verdeling"
    )
    return share


def proposal_fields(proposal) -> dict:
    """What projecten passes to `grant_create`: the proposal, its budget year, klap, Smederij."""
    return {
        "proposal": proposal,
        "budget_year": proposal.year,
        "klap": proposal.klap,
        "smederij": proposal.smederij,
    }


@pytest.fixture
def make_proposal(db):
    def make(smederij=None, klap=Klap.KORTE, amount="1250.00", status=ProposalStatus.DECIDING):
        kwargs = {"klap": klap, "amount_requested": Decimal(amount), "status": status, "year": 2013}
        if status != ProposalStatus.DRAFT:
            kwargs["submitted_at"] = IN_2013
        if smederij is not None:
            kwargs["smederij"] = smederij
        return factories.ProposalFactory(**kwargs)

    return make


@pytest.fixture
def grant_for(actor, make_proposal):
    """A grant made through the service, for a proposal of `smederij` (korte) or lange klap."""

    def make(smederij=None, amount="1000.00", klap=Klap.KORTE):
        proposal = make_proposal(smederij=smederij, klap=klap, amount=amount)
        return services.grant_create(
            **proposal_fields(proposal), amount=amount, actor=actor, decided_at=IN_2013
        )

    return make
