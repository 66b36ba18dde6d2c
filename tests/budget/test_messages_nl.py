"""The refusals read in Dutch, as people see them.

The msgids come from budget/locale_nl_budget.txt, merged into locale/nl by the
translation pass; until then these tests fail, on purpose.
"""

import pytest
from django.utils import translation

from budget.errors import BudgetError
from budget.services import budget_year_close, grant_create, shares_set
from projecten.models import Klap
from tests.budget.conftest import proposal_fields

pytestmark = pytest.mark.django_db


def test_korte_klap_refusal_in_dutch(share, krakeel, grant_for):
    grant_for(smederij=krakeel, amount="3250.00")
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        grant_for(smederij=krakeel, amount="12500.00")
    assert str(error.value) == (
        "Onvoldoende budget in korte klap voor Smederij Krakeel: "
        "gevraagd €\xa012.500,00, beschikbaar €\xa04.250,00"
    )


def test_lange_klap_refusal_in_dutch(year, grant_for):
    grant_for(klap=Klap.LANGE, amount="115750.00")
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        grant_for(klap=Klap.LANGE, amount="12500.00")
    assert str(error.value) == (
        "Onvoldoende budget in lange klap: gevraagd €\xa012.500,00, beschikbaar €\xa04.250,00"
    )


def test_closed_year_refusals_in_dutch(year, share, krakeel, grant_for, actor):
    budget_year_close(budget_year=year, actor=actor)
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        grant_for(smederij=krakeel, amount="10.00")
    assert str(error.value) == (
        "Begrotingsjaar 2013 is gesloten: er kan geen nieuw geld meer uit worden toegekend."
    )
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        shares_set(budget_year=year, amounts={krakeel: "1.00"}, actor=actor, reason="Minder")
    assert str(error.value) == "Begrotingsjaar 2013 is gesloten."


def test_year_never_opened_refusal_in_dutch(share, krakeel, actor, make_proposal):
    proposal = make_proposal(smederij=krakeel)
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        grant_create(
            **{**proposal_fields(proposal), "budget_year": 2014}, amount="10.00", actor=actor
        )
    assert str(error.value) == "Begrotingsjaar 2014 is niet geopend."
