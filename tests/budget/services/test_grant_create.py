import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from budget.errors import BudgetError
from budget.models import Grant
from budget.services import budget_year_close, grant_create, grant_release
from projecten.models import Klap, ProposalStatus
from tests.budget.conftest import IN_2013

pytestmark = pytest.mark.django_db


def test_korte_klap_grant_draws_from_the_smederij_share(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel, amount="1250.00")
    grant = grant_create(proposal=proposal, actor=actor, decided_at=IN_2013, reason="Stemming")
    assert (grant.klap, grant.smederij, grant.amount) == (Klap.KORTE, krakeel, Decimal("1250.00"))
    assert (grant.budget_year.year, grant.granted_by, grant.granted_at) == (2013, actor, IN_2013)
    assert grant.is_active


def test_lange_klap_grant_draws_from_the_lange_klap_pot(year, actor, make_proposal):
    proposal = make_proposal(klap=Klap.LANGE, amount="60000.00")
    grant = grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    assert (grant.klap, grant.smederij, grant.budget_year) == (Klap.LANGE, None, year)


def test_grant_may_be_smaller_than_asked(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel, amount="1250.00")
    grant = grant_create(proposal=proposal, actor=actor, amount="1000", decided_at=IN_2013)
    assert grant.amount == Decimal("1000.00")


def test_grant_of_exactly_what_is_free_is_allowed(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel, amount="7500.00")
    grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)


def test_korte_klap_grant_refused_when_share_is_exhausted(share, krakeel, actor, grant_for):
    grant_for(smederij=krakeel, amount="3250.00")
    with pytest.raises(BudgetError) as error:
        grant_for(smederij=krakeel, amount="12500.00")
    assert error.value.code == "insufficient_budget"
    assert str(error.value) == (
        "Not enough budget in korte klap for Smederij Krakeel: "
        "asked €\xa012.500,00, available €\xa04.250,00"
    )
    assert Grant.objects.count() == 1


def test_lange_klap_grant_refused_when_pot_is_exhausted(year, grant_for):
    grant_for(klap=Klap.LANGE, amount="100000.00")
    with pytest.raises(BudgetError) as error:
        grant_for(klap=Klap.LANGE, amount="20000.01")
    assert str(error.value) == (
        "Not enough budget in lange klap: asked €\xa020.000,01, available €\xa020.000,00"
    )


def test_grant_refused_for_a_proposal_not_approved(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel, status=ProposalStatus.IN_REVIEW)
    with pytest.raises(BudgetError) as error:
        grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    assert str(error.value) == (
        f"Proposal “{proposal.title}” has not been approved (its status is: in review)."
    )


def test_grant_refused_for_a_second_active_grant(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel)
    grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    with pytest.raises(BudgetError) as error:
        grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    assert str(error.value) == (f"Proposal “{proposal.title}” already has an active grant (2013).")


def test_a_fully_released_grant_makes_room_for_a_new_one(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel)
    first = grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    grant_release(grant=first, actor=actor, reason="Uitgesteld")
    first.refresh_from_db()
    assert not first.is_active
    second = grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    assert second.is_active


def test_database_refuses_two_active_grants_for_one_proposal(share, krakeel, actor, grant_for):
    grant = grant_for(smederij=krakeel)
    with pytest.raises(IntegrityError):
        Grant.objects.create(
            budget_year=grant.budget_year,
            proposal=grant.proposal,
            klap=Klap.KORTE,
            smederij=krakeel,
            amount=Decimal("1.00"),
            granted_by=actor,
        )


def test_grant_refused_when_smederij_has_no_share(year, actor, make_proposal):
    proposal = make_proposal()
    with pytest.raises(BudgetError) as error:
        grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)
    assert str(error.value) == (
        f"Smederij {proposal.smederij.name} has no korte klap budget in 2013."
    )


def test_grant_refused_when_the_year_of_the_decision_is_not_open(
    share, krakeel, actor, make_proposal
):
    proposal = make_proposal(smederij=krakeel)
    in_2014 = datetime.datetime(2014, 1, 1, 0, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with pytest.raises(BudgetError, match="Budget year 2014 has not been opened."):
        grant_create(proposal=proposal, actor=actor, decided_at=in_2014)


def test_grant_refused_in_a_closed_year(year, share, krakeel, actor, make_proposal):
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
        grant_create(proposal=make_proposal(smederij=krakeel), actor=actor, decided_at=IN_2013)
    with pytest.raises(BudgetError, match="Budget year 2013 is closed."):
        grant_create(proposal=make_proposal(klap=Klap.LANGE), actor=actor, decided_at=IN_2013)


@pytest.mark.parametrize("amount", ["0", "0.00", "-1.00"])
def test_grant_refused_for_zero_or_negative_amount(share, krakeel, actor, make_proposal, amount):
    proposal = make_proposal(smederij=krakeel)
    with pytest.raises(BudgetError, match="An amount must be more than €\xa00,00"):
        grant_create(proposal=proposal, actor=actor, amount=amount, decided_at=IN_2013)


def test_grant_refused_when_proposal_asks_no_amount(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel)
    proposal.amount_requested = None
    proposal.save()
    with pytest.raises(BudgetError, match="asks no amount"):
        grant_create(proposal=proposal, actor=actor, decided_at=IN_2013)


def test_grant_refuses_a_float(share, krakeel, actor, make_proposal):
    with pytest.raises(TypeError):
        grant_create(
            proposal=make_proposal(smederij=krakeel), actor=actor, amount=12.5, decided_at=IN_2013
        )
