import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from budget.errors import BudgetError
from budget.models import Grant
from budget.services import budget_year_close, grant_create, grant_release
from projecten.models import Klap
from tests.budget.conftest import IN_2013, proposal_fields

pytestmark = pytest.mark.django_db


def grant(proposal, actor, amount="1250.00", **kwargs):
    kwargs.setdefault("decided_at", IN_2013)
    return grant_create(**proposal_fields(proposal), amount=amount, actor=actor, **kwargs)


def test_korte_klap_grant_draws_from_the_smederij_share(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel, amount="1250.00")
    made = grant(proposal, actor, reason="Stemming")
    assert (made.klap, made.smederij, made.amount) == (Klap.KORTE, krakeel, Decimal("1250.00"))
    assert (made.budget_year.year, made.granted_by, made.granted_at) == (2013, actor, IN_2013)
    assert made.is_active


def test_lange_klap_grant_draws_from_the_lange_klap_pot(year, actor, make_proposal):
    proposal = make_proposal(klap=Klap.LANGE, amount="60000.00")
    made = grant(proposal, actor, amount="60000.00")
    assert (made.klap, made.smederij, made.budget_year) == (Klap.LANGE, None, year)


def test_lange_klap_grant_keeps_no_smederij_even_when_given_one(year, actor, make_proposal):
    proposal = make_proposal(klap=Klap.LANGE, amount="60000.00")
    assert proposal.smederij is not None
    assert grant(proposal, actor, amount="60000.00").smederij is None


def test_grant_may_be_smaller_than_asked(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel, amount="1250.00")
    assert grant(proposal, actor, amount="1000").amount == Decimal("1000.00")


def test_grant_of_exactly_what_is_free_is_allowed(share, krakeel, actor, make_proposal):
    grant(make_proposal(smederij=krakeel, amount="7500.00"), actor, amount="7500.00")


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


def test_grant_refused_for_a_second_active_grant(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel)
    grant(proposal, actor)
    with pytest.raises(BudgetError) as error:
        grant(proposal, actor)
    assert str(error.value) == (f"Proposal “{proposal.title}” already has an active grant (2013).")


def test_a_fully_released_grant_makes_room_for_a_new_one(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel)
    first = grant(proposal, actor)
    grant_release(grant=first, actor=actor, reason="Uitgesteld")
    first.refresh_from_db()
    assert not first.is_active
    assert grant(proposal, actor).is_active


def test_database_refuses_two_active_grants_for_one_proposal(share, krakeel, actor, grant_for):
    made = grant_for(smederij=krakeel)
    with pytest.raises(IntegrityError):
        Grant.objects.create(
            budget_year=made.budget_year,
            proposal=made.proposal,
            klap=Klap.KORTE,
            smederij=krakeel,
            amount=Decimal("1.00"),
            granted_by=actor,
        )


def test_grant_refused_when_smederij_has_no_share(year, actor, make_proposal):
    proposal = make_proposal()
    with pytest.raises(BudgetError) as error:
        grant(proposal, actor)
    assert str(error.value) == (
        f"Smederij {proposal.smederij.name} has no korte klap budget in 2013."
    )


def test_the_year_comes_from_the_proposal_not_from_the_moment_of_the_decision(
    share, krakeel, actor, make_proposal
):
    # Decided on New Year's night 2014, for a proposal that asks money of 2013: 2013 pays.
    in_2014 = datetime.datetime(2014, 1, 1, 0, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    made = grant(make_proposal(smederij=krakeel), actor, decided_at=in_2014)
    assert (made.budget_year.year, made.granted_at) == (2013, in_2014)


@pytest.mark.parametrize("klap", [Klap.KORTE, Klap.LANGE])
def test_grant_refused_when_the_budget_year_was_never_opened(
    share, krakeel, actor, make_proposal, klap
):
    proposal = make_proposal(smederij=krakeel, klap=klap)
    with pytest.raises(BudgetError, match="Budget year 2014 has not been opened.") as error:
        grant_create(
            **{**proposal_fields(proposal), "budget_year": 2014},
            amount="100.00",
            actor=actor,
            decided_at=IN_2013,
        )
    assert error.value.code == "year_not_open"


def test_grant_refused_in_a_closed_year(year, share, krakeel, actor, make_proposal):
    budget_year_close(budget_year=year, actor=actor)
    for proposal in (make_proposal(smederij=krakeel), make_proposal(klap=Klap.LANGE)):
        with pytest.raises(BudgetError) as error:
            grant(proposal, actor)
        assert error.value.code == "year_not_open"
        assert str(error.value) == "Budget year 2013 is closed: no new grants can be made from it."


def test_grant_refused_in_a_closed_year_also_without_a_share(year, actor, make_proposal):
    # Closed says more than "no share": nothing can be granted from 2013 any more.
    budget_year_close(budget_year=year, actor=actor)
    with pytest.raises(BudgetError) as error:
        grant(make_proposal(), actor)
    assert error.value.code == "year_not_open"


@pytest.mark.parametrize("amount", ["0", "0.00", "-1.00"])
def test_grant_refused_for_zero_or_negative_amount(share, krakeel, actor, make_proposal, amount):
    proposal = make_proposal(smederij=krakeel)
    with pytest.raises(BudgetError, match="An amount must be more than €\xa00,00"):
        grant(proposal, actor, amount=amount)


def test_grant_refuses_a_float(share, krakeel, actor, make_proposal):
    with pytest.raises(TypeError):
        grant(make_proposal(smederij=krakeel), actor, amount=12.5)


def test_korte_klap_grant_refused_without_a_smederij(share, actor, make_proposal):
    proposal = make_proposal()
    with pytest.raises(BudgetError, match="needs the Smederij"):
        grant_create(
            **{**proposal_fields(proposal), "smederij": None},
            amount="100.00",
            actor=actor,
        )
