"""The refusals read in Dutch, as people see them.

The msgids come from budget/locale_nl_budget.txt, merged into locale/nl by the
translation pass; until then these tests fail, on purpose.
"""

import pytest
from django.utils import translation

from budget.errors import BudgetError
from budget.services import budget_year_close, payment_create
from projecten.models import Klap

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


def test_closed_year_refusal_in_dutch(year, share, krakeel, grant_for, actor):
    grant = grant_for(smederij=krakeel, amount="100.00")
    budget_year_close(budget_year=year, actor=actor)
    with translation.override("nl"), pytest.raises(BudgetError) as error:
        payment_create(grant=grant, amount="10.00", actor=actor)
    assert str(error.value) == "Begrotingsjaar 2013 is gesloten."
