"""Destructive actions confirm on a page of their own: the GET says plainly what will happen
and changes nothing; the POST does it; other roles get what the action's view gives them."""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

import pytest
from django.urls import reverse
from django.utils import translation

from budget.models import Release
from projecten.decisions.services import proposal_approve
from projecten.models import ProposalStatus
from projecten.money.services import advance_pay
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    closed_vote,
    deciding,
    in_june_2013,
    make_deciding,
    share,
)
from tests.projecten.roles import ROLES, login

pytestmark = pytest.mark.django_db

DANGER = "utrecht-button--secondary-action utrecht-button--danger"


@pytest.fixture(autouse=True)
def _dutch(client):
    client.cookies["django_language"] = "nl"
    with translation.override("nl"):
        yield


@pytest.fixture
def running(deciding, gebiedsregisseur):
    """€ 1.000,00 granted, € 400,00 paid as an advance."""
    proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    advance_pay(proposal=deciding, actor=gebiedsregisseur, amount="400.00")
    deciding.refresh_from_db()
    return deciding


def _cancel_url(proposal):
    return reverse("projecten:money-cancel", kwargs={"pk": proposal.pk})


def test_the_stop_page_says_what_will_happen_and_changes_nothing(client, running, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.get(_cancel_url(running))
    assert response.status_code == 200
    page = response.content.decode()
    smederij = running.smederij.name
    assert (
        f"€\u00a0600,00 van de toekenning die nog niet is betaald, gaat terug naar het "
        f"korte-klapbudget van Smederij {smederij}." in page
    )
    assert "€\u00a0400,00 is al betaald: de initiatiefnemers moeten het terugbetalen." in page
    assert "“stopgezet”" in page
    assert running.submitter.display_name in page
    assert DANGER in page and 'name="csrfmiddlewaretoken"' in page
    running.refresh_from_db()
    assert running.status == ProposalStatus.IN_PROGRESS
    assert not Release.objects.exists()


def test_the_money_page_links_to_the_stop_page_instead_of_stopping(
    client, running, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    page = client.get(reverse("projecten:money", kwargs={"pk": running.pk})).content.decode()
    assert f'href="{_cancel_url(running)}"' in page
    assert 'name="cancel-reason"' not in page


def test_posting_the_stop_page_stops_the_project_once(client, running, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(_cancel_url(running), {"cancel-reason": "Gaat niet door."})
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.status == ProposalStatus.CANCELLED
    assert Release.objects.get().amount == 600


def test_stopping_without_a_reason_shows_the_stop_page_again_with_the_error(
    client, running, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    response = client.post(_cancel_url(running), {"cancel-reason": ""})
    assert response.status_code == 400
    assert response.templates[0].name == "projecten/money/cancel_confirm.html"
    assert response.context["form"].has_error("reason")
    running.refresh_from_db()
    assert running.status == ProposalStatus.IN_PROGRESS


# A running project is public, so people of other areas see it (403, not 404).
STOP_EXPECTED = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 403,
    "initiatiefgroep_member": 403,
    "professional": 403,
    "other_professional": 403,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_stop_page_role_matrix(client, role, running, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    assert client.get(_cancel_url(running)).status_code == STOP_EXPECTED[role]
    response = client.post(_cancel_url(running), {"cancel-reason": "Weg ermee."})
    if role != "gebiedsregisseur":
        assert response.status_code == STOP_EXPECTED[role]
        running.refresh_from_db()
        assert running.status == ProposalStatus.IN_PROGRESS


def test_the_withdraw_page_says_what_will_happen_with_a_danger_button(client, resident, deciding):
    client.force_login(deciding.submitter)
    url = reverse("projecten:proposal-withdraw", kwargs={"pk": deciding.pk})
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "“ingetrokken”" in page and DANGER in page
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.DECIDING
