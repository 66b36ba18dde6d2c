"""The decision page, the decision letter and the money page: who sees what, what a post does,
and a fixed number of queries."""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from budget.models import Grant, Payment
from projecten.decisions.services import proposal_approve, proposal_defer
from projecten.models import AccountingStatus, ProposalStatus
from projecten.money.services import advance_pay
from tests import factories
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    closed_vote,
    deciding,
    in_june_2013,
    make_deciding,
    share,
)
from tests.projecten.roles import ROLES, login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"  # the language switch: pages in English
    with translation.override("en"):
        yield


@pytest.fixture
def approved(deciding, gebiedsregisseur):
    proposal_approve(
        proposal=deciding, actor=gebiedsregisseur, amount="1000.00", conditions="Met de buren."
    )
    deciding.refresh_from_db()
    return deciding


def _url(name, proposal):
    return reverse(f"projecten:{name}", kwargs={"pk": proposal.pk})


# --- role matrices ----------------------------------------------------------------------------

DECIDE_EXPECTED = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 404,
    "initiatiefgroep_member": 403,
    "professional": 403,
    "other_professional": 404,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_decision_page_role_matrix(client, role, deciding, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    response = client.get(_url("decision", deciding))
    assert response.status_code == DECIDE_EXPECTED[role]


LETTER_EXPECTED = {
    "visitor": 302,
    "resident": 404,  # a resident of the area, not the submitter
    "other_resident": 404,
    "initiatiefgroep_member": 404,
    "professional": 200,
    "other_professional": 404,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_decision_letter_role_matrix(client, role, approved, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    response = client.get(_url("decision-letter", approved))
    assert response.status_code == LETTER_EXPECTED[role]


def test_submitter_reads_the_printable_letter(client, approved, resident):
    client.force_login(resident)
    response = client.get(_url("decision-letter", approved))
    assert response.status_code == 200
    html = response.content.decode()
    assert "€\u00a01.000,00" in html
    assert "Met de buren." in html
    assert "28 October 2013" in html
    assert "projecten/print.css" in html and 'media="print"' in html


REOPEN_EXPECTED = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 404,
    "initiatiefgroep_member": 403,
    "professional": 403,
    "other_professional": 404,
    "gebiedsregisseur": 302,
    "stuurgroep_member": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_taking_a_deferred_proposal_up_again_role_matrix(
    client, role, deciding, gebiedsregisseur, smederij, other_smederij
):
    proposal_defer(proposal=deciding, actor=gebiedsregisseur)
    factories.BudgetYearFactory(year=deciding.year + 1)
    login(client, role, smederij, other_smederij)

    response = client.post(_url("proposal-reopen", deciding))

    assert response.status_code == REOPEN_EXPECTED[role]
    deciding.refresh_from_db()
    expected = ProposalStatus.SUBMITTED if role == "gebiedsregisseur" else ProposalStatus.DEFERRED
    assert deciding.status == expected


def test_taking_up_again_before_next_year_is_open_says_why(client, deciding, gebiedsregisseur):
    proposal_defer(proposal=deciding, actor=gebiedsregisseur)
    client.force_login(gebiedsregisseur)

    response = client.post(_url("proposal-reopen", deciding), follow=True)

    assert f"Budget year {deciding.year + 1} is not open yet" in response.content.decode()
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.DEFERRED


MONEY_EXPECTED = {
    "visitor": 302,
    "resident": 403,
    "other_resident": 403,  # a funded project is public; its money page is not
    "initiatiefgroep_member": 403,
    "professional": 403,
    "other_professional": 403,
    "gebiedsregisseur": 200,
    "stuurgroep_member": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_money_page_role_matrix(client, role, approved, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    response = client.get(_url("money", approved))
    assert response.status_code == MONEY_EXPECTED[role]


@pytest.mark.parametrize("role", ["professional", "stuurgroep_member", "resident"])
def test_money_actions_refused_for_others(client, role, approved, smederij, other_smederij):
    login(client, role, smederij, other_smederij)
    response = client.post(_url("money-advance", approved), {"advance-amount": "100"})
    assert response.status_code == 403
    assert not Payment.objects.exists()


def test_the_gebiedsregisseur_records_co_funding_on_the_money_page(
    client, approved, gebiedsregisseur
):
    fund = factories.CoFundingFactory(proposal=approved, source="Rabo Clubsupport")
    client.force_login(gebiedsregisseur)
    page = client.get(_url("money", approved)).content.decode()
    assert "Rabo Clubsupport" in page
    url = reverse("projecten:money-co-funding", args=[approved.pk, fund.pk])
    response = client.post(url, {"status": "received"})
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.status == "received"


@pytest.mark.parametrize("role", ["professional", "stuurgroep_member", "resident"])
def test_co_funding_is_recorded_by_no_one_else(client, role, approved, smederij, other_smederij):
    fund = factories.CoFundingFactory(proposal=approved, status="promised")
    login(client, role, smederij, other_smederij)
    url = reverse("projecten:money-co-funding", args=[approved.pk, fund.pk])
    assert client.post(url, {"status": "received"}).status_code == 403
    fund.refresh_from_db()
    assert fund.status == "promised"


# --- the decision page ------------------------------------------------------------------------


def test_approve_through_the_page(client, deciding, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(
        _url("decision", deciding),
        {"action": "approve", "approve-amount": "1.000,00", "approve-conditions": "Geen."},
    )
    assert response.status_code == 302
    assert response["Location"] == _url("decision-letter", deciding)
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.APPROVED
    assert Grant.objects.get(proposal=deciding).amount == Decimal("1000.00")


def test_budget_refusal_shows_as_form_error_and_leaves_the_proposal_undecided(
    client, deciding, gebiedsregisseur, smederij, resident
):
    other = make_deciding(smederij, resident, amount="7000.00")
    closed_vote(other)
    proposal_approve(proposal=other, actor=gebiedsregisseur, amount="7000.00")
    client.force_login(gebiedsregisseur)
    response = client.post(
        _url("decision", deciding), {"action": "approve", "approve-amount": "1250,00"}
    )
    assert response.status_code == 400
    errors = response.context["approve_form"].non_field_errors()
    assert any("Not enough budget in korte klap for Smederij" in e for e in errors)
    assert "available €\u00a0500,00" in response.content.decode()
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.DECIDING
    assert not Grant.objects.filter(proposal=deciding).exists()


def test_approve_above_asked_shows_the_field_error(client, deciding, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(
        _url("decision", deciding), {"action": "approve", "approve-amount": "1250,01"}
    )
    assert response.status_code == 400
    assert response.context["approve_form"].has_error("amount", "amount_above_asked")
    # The form keeps what was typed.
    assert 'value="1250,01"' in response.content.decode()


def test_reject_without_motivation_is_refused_by_the_form(client, deciding, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(_url("decision", deciding), {"action": "reject"})
    assert response.status_code == 400
    assert response.context["reject_form"].has_error("motivation", "required")
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.DECIDING


def test_defer_through_the_page(client, deciding, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(_url("decision", deciding), {"action": "defer"})
    assert response.status_code == 302
    deciding.refresh_from_db()
    assert deciding.status == ProposalStatus.DEFERRED


def test_proposal_page_links_the_gebiedsregisseur_to_the_decision(
    client, deciding, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    response = client.get(deciding.get_absolute_url())
    assert _url("decision", deciding) in response.content.decode()


def test_proposal_page_links_the_submitter_to_the_letter(client, approved, resident):
    client.force_login(resident)
    html = client.get(approved.get_absolute_url()).content.decode()
    assert _url("decision-letter", approved) in html
    assert _url("money", approved) not in html


# --- the money page ---------------------------------------------------------------------------


def test_advance_above_half_shows_the_error(client, approved, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(_url("money-advance", approved), {"advance-amount": "600,00"})
    assert response.status_code == 400
    assert response.context["advance_form"].has_error("amount", "advance_above_half")
    assert not Payment.objects.exists()


def test_advance_with_override_through_the_page(client, approved, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(
        _url("money-advance", approved),
        {"advance-amount": "600,00", "advance-override_reason": "Materiaal vooraf."},
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.IN_PROGRESS


def test_cancel_and_refund_through_the_page(client, approved, gebiedsregisseur):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="400.00")
    client.force_login(gebiedsregisseur)
    response = client.post(_url("money-cancel", approved), {"cancel-reason": "Gaat niet door."})
    assert response.status_code == 302
    page = client.get(_url("money", approved)).content.decode()
    assert "€\u00a0400,00" in page  # to be paid back
    response = client.post(
        _url("money-refund", approved),
        {"refund-amount": "400,00", "refund-reason": "Teruggestort op 1 juli."},
    )
    assert response.status_code == 302
    assert client.get(_url("money", approved)).context["money"].settlement.to_pay_back == 0


def test_payment_above_open_shows_the_budget_message(client, approved, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(_url("money-payment", approved), {"payment-amount": "1000,01"})
    assert response.status_code == 400
    assert "Cannot pay more than is open" in response.content.decode()


def test_mark_completed_approves_the_filed_verantwoording(client, approved, gebiedsregisseur):
    approved.status = ProposalStatus.ACCOUNTED
    approved.save()
    accounting = factories.AccountingFactory(proposal=approved)
    client.force_login(gebiedsregisseur)
    page = client.get(_url("money", approved)).content.decode()
    assert _url("money-complete", approved) in page
    response = client.post(_url("money-complete", approved), {"complete-message": "Mooi."})
    assert response.status_code == 302
    approved.refresh_from_db()
    accounting.refresh_from_db()
    assert approved.status == ProposalStatus.COMPLETED
    assert accounting.status == AccountingStatus.APPROVED


def test_mark_completed_refused_without_a_verantwoording(client, approved, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    response = client.post(_url("money-complete", approved), {})
    assert response.status_code == 400
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.APPROVED


# --- a fixed number of queries ----------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_money_page_queries_do_not_grow_with_payments(
    client, approved, gebiedsregisseur, rows, django_assert_max_num_queries
):
    grant = Grant.objects.get(proposal=approved)
    Payment.objects.bulk_create(
        Payment(grant=grant, amount=Decimal("10.00"), recorded_by=gebiedsregisseur)
        for _ in range(rows)
    )
    client.force_login(gebiedsregisseur)
    with django_assert_max_num_queries(16):
        response = client.get(_url("money", approved))
    assert response.status_code == 200
    assert len(response.context["money"].payments) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_decision_page_queries_do_not_grow_with_co_funding(
    client, deciding, gebiedsregisseur, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        factories.CoFundingFactory(proposal=deciding)
    client.force_login(gebiedsregisseur)
    with django_assert_max_num_queries(14):
        response = client.get(_url("decision", deciding))
    assert response.status_code == 200


def test_decision_letter_queries(client, approved, resident, django_assert_max_num_queries):
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        assert client.get(_url("decision-letter", approved)).status_code == 200


# --- one form, one payment (decision 0022) -------------------------------------------------------


def _token(client, proposal) -> str:
    page = client.get(_url("money", proposal)).content.decode()
    return page.split('name="submission_token" value="')[1][:36]


def test_a_double_post_of_the_advance_form_pays_one_advance(client, approved, gebiedsregisseur):
    client.force_login(gebiedsregisseur)
    data = {"advance-amount": "300,00", "submission_token": _token(client, approved)}

    responses = [client.post(_url("money-advance", approved), data) for _ in "12"]

    assert [r.status_code for r in responses] == [302, 302]
    assert list(Payment.objects.values_list("amount", flat=True)) == [Decimal("300.00")]


def test_a_refused_payment_can_be_corrected_and_posted_with_the_same_token(
    client, approved, gebiedsregisseur
):
    client.force_login(gebiedsregisseur)
    token = _token(client, approved)
    url = _url("money-payment", approved)

    refused = client.post(url, {"payment-amount": "1000,01", "submission_token": token})
    assert refused.status_code == 400 and not Payment.objects.exists()
    for _ in "12":
        response = client.post(url, {"payment-amount": "1000,00", "submission_token": token})
        assert response.status_code == 302
    assert list(Payment.objects.values_list("amount", flat=True)) == [Decimal("1000.00")]
