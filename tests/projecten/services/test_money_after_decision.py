"""Money after the decision: the advance (at most half, unless overridden with a reason), later
payments, cancelling (the unpaid rest released), refunds back to the pot."""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from budget.errors import BudgetError
from budget.models import Grant, Payment, Refund, Release
from budget.selectors import grant_balance, share_balance
from projecten.accounting.selectors import accounting_settlement
from projecten.decisions.services import proposal_approve
from projecten.errors import ProposalError
from projecten.models import CoFundingStatus, EventKind, Klap, ProposalStatus, VoteBody
from projecten.money.services import (
    advance_pay,
    co_funding_status_set,
    payment_record,
    proposal_cancel,
    refund_record,
)
from tests import factories
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    closed_vote,
    deciding,
    in_june_2013,
    make_deciding,
    share,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def approved(deciding, gebiedsregisseur):
    """Approved with € 1.000,00 granted of the € 1.250,00 asked."""
    proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    deciding.refresh_from_db()
    return deciding


def _grant(proposal):
    return Grant.objects.get(proposal=proposal)


# --- the advance ------------------------------------------------------------------------------


def test_advance_of_half_starts_the_project(approved, gebiedsregisseur):
    payment = advance_pay(proposal=approved, actor=gebiedsregisseur, amount="500.00")
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.IN_PROGRESS
    assert payment.is_advance and payment.amount == Decimal("500.00")
    assert grant_balance(grant=_grant(approved)).open == Decimal("500.00")
    assert approved.events.filter(kind=EventKind.MONEY).exists()


def test_advance_above_half_refused_without_override(approved, gebiedsregisseur):
    with pytest.raises(ValidationError) as error:
        advance_pay(proposal=approved, actor=gebiedsregisseur, amount="500.01")
    assert error.value.error_dict["amount"][0].code == "advance_above_half"
    assert not Payment.objects.exists()
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.APPROVED


def test_advances_together_are_capped_at_half(approved, gebiedsregisseur):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="300.00")
    with pytest.raises(ValidationError):
        advance_pay(proposal=approved, actor=gebiedsregisseur, amount="200.01")
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="200.00")


def test_advance_above_half_allowed_with_override_reason(approved, gebiedsregisseur):
    payment = advance_pay(
        proposal=approved,
        actor=gebiedsregisseur,
        amount="800.00",
        override_reason="De leverancier wil vooraf betaald worden.",
    )
    assert payment.override_reason == "De leverancier wil vooraf betaald worden."
    assert grant_balance(grant=_grant(approved)).paid == Decimal("800.00")


def test_advance_with_override_still_never_above_the_open_amount(approved, gebiedsregisseur):
    with pytest.raises(BudgetError) as error:
        advance_pay(
            proposal=approved, actor=gebiedsregisseur, amount="1000.01", override_reason="Alles."
        )
    assert error.value.code == "payment_above_grant"


def test_advance_refused_for_a_professional(approved, professional):
    with pytest.raises(PermissionDenied):
        advance_pay(proposal=approved, actor=professional, amount="100.00")


def test_advance_refused_before_approval(deciding, gebiedsregisseur):
    with pytest.raises(ProposalError):
        advance_pay(proposal=deciding, actor=gebiedsregisseur, amount="100.00")


def test_conditional_lange_klap_grant_waits_for_co_funding(
    in_june_2013, smederij, resident, gebiedsregisseur, budget_year
):
    proposal = make_deciding(smederij, resident, klap=Klap.LANGE, amount="20000.00")
    fund = factories.CoFundingFactory(
        proposal=proposal, source="Oranje Fonds", status=CoFundingStatus.PROMISED
    )
    closed_vote(proposal, body=VoteBody.STUURGROEP)
    proposal_approve(
        proposal=proposal, actor=gebiedsregisseur, amount="20000.00", conditional_on_co_funding=True
    )
    with pytest.raises(ProposalError, match="Oranje Fonds"):
        advance_pay(proposal=proposal, actor=gebiedsregisseur, amount="1000.00")
    with pytest.raises(ProposalError):
        payment_record(proposal=proposal, actor=gebiedsregisseur, amount="1000.00")

    # Only the gebiedsregisseur records it, through the service (not the admin).
    with pytest.raises(PermissionDenied):
        co_funding_status_set(co_funding=fund, status=CoFundingStatus.RECEIVED, actor=resident)
    co_funding_status_set(co_funding=fund, status=CoFundingStatus.RECEIVED, actor=gebiedsregisseur)
    fund.refresh_from_db()
    assert fund.status == CoFundingStatus.RECEIVED
    assert proposal.events.filter(
        kind=EventKind.MONEY, data__source__contains="Oranje Fonds"
    ).exists()
    advance_pay(proposal=proposal, actor=gebiedsregisseur, amount="1000.00")


def test_co_funding_status_must_be_one_of_the_choices(approved, gebiedsregisseur):
    fund = factories.CoFundingFactory(proposal=approved)
    with pytest.raises(ProposalError) as error:
        co_funding_status_set(co_funding=fund, status="maybe", actor=gebiedsregisseur)
    assert error.value.error_dict["status"][0].code == "invalid"


# --- later payments ---------------------------------------------------------------------------


def test_payment_records_the_rest(approved, gebiedsregisseur):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="500.00")
    payment = payment_record(
        proposal=approved, actor=gebiedsregisseur, amount="500.00", reason="Rest na de bon."
    )
    assert not payment.is_advance
    assert grant_balance(grant=_grant(approved)).open == Decimal("0.00")


def test_payment_above_the_open_amount_refused(approved, gebiedsregisseur):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="500.00")
    with pytest.raises(BudgetError) as error:
        payment_record(proposal=approved, actor=gebiedsregisseur, amount="500.01")
    assert error.value.code == "payment_above_grant"
    assert Payment.objects.count() == 1


def test_payment_refused_for_a_gebiedsregisseur_of_another_wijkteam(approved, other_smederij):
    other = factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user
    with pytest.raises(PermissionDenied):
        payment_record(proposal=approved, actor=other, amount="100.00")


# --- cancelling and refunds -------------------------------------------------------------------


def test_cancel_releases_the_unpaid_rest_and_asks_the_advance_back(
    approved, gebiedsregisseur, share
):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="400.00")
    proposal_cancel(
        proposal=approved, actor=gebiedsregisseur, reason="De locatie is niet beschikbaar."
    )
    approved.refresh_from_db()
    assert approved.status == ProposalStatus.CANCELLED
    grant = _grant(approved)
    assert Release.objects.get(grant=grant).amount == Decimal("600.00")
    balance = grant_balance(grant=grant)
    assert balance.open == Decimal("0.00") and balance.committed == Decimal("400.00")
    assert accounting_settlement(proposal=approved).to_pay_back == Decimal("400.00")
    # The pot has the released € 600 back; the € 400 comes back with the refund.
    assert share_balance(share=share).free == Decimal("7500.00") - Decimal("400.00")


def test_cancel_before_any_payment_releases_everything(approved, gebiedsregisseur, share):
    proposal_cancel(proposal=approved, actor=gebiedsregisseur, reason="Gaat niet door.")
    grant = _grant(approved)
    assert grant.closed_at is not None
    assert share_balance(share=share).free == Decimal("7500.00")


def test_cancel_refused_without_reason(approved, gebiedsregisseur):
    with pytest.raises(ValidationError):
        proposal_cancel(proposal=approved, actor=gebiedsregisseur, reason=" ")


def test_cancel_refused_for_a_professional(approved, professional):
    with pytest.raises(PermissionDenied):
        proposal_cancel(proposal=approved, actor=professional, reason="Nee.")


def test_refund_goes_back_to_the_pot(approved, gebiedsregisseur, share):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="400.00")
    proposal_cancel(proposal=approved, actor=gebiedsregisseur, reason="Gaat niet door.")
    refund = refund_record(
        proposal=approved, actor=gebiedsregisseur, amount="400.00", reason="Teruggestort."
    )
    assert refund.amount == Decimal("400.00")
    assert accounting_settlement(proposal=approved).to_pay_back == Decimal("0.00")
    assert share_balance(share=share).free == Decimal("7500.00")
    assert _grant(approved).closed_at is not None
    assert Refund.objects.count() == 1


def test_refund_above_what_was_paid_refused(approved, gebiedsregisseur):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="400.00")
    proposal_cancel(proposal=approved, actor=gebiedsregisseur, reason="Gaat niet door.")
    with pytest.raises(BudgetError) as error:
        refund_record(proposal=approved, actor=gebiedsregisseur, amount="400.01", reason="Te veel.")
    assert error.value.code == "refund_above_paid"
    assert not Refund.objects.exists()


def test_refund_refused_without_a_grant(deciding, gebiedsregisseur):
    with pytest.raises(ProposalError):
        refund_record(proposal=deciding, actor=gebiedsregisseur, amount="1.00", reason="Niets.")


# --- what is to be paid back ------------------------------------------------------------------


def test_right_after_the_approval_nothing_is_to_be_paid_back(approved):
    """Granted money that was never paid is not owed: it was € 1.000 here before the fix."""
    settlement = accounting_settlement(proposal=approved)
    assert settlement.granted == Decimal("1000.00")
    assert settlement.to_pay_back == Decimal("0.00")


def test_an_advance_is_not_owed_while_the_project_runs(approved, gebiedsregisseur):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="400.00")
    settlement = accounting_settlement(proposal=approved)
    assert settlement.not_accounted_for == Decimal("400.00")
    assert settlement.to_pay_back == Decimal("0.00")


def test_money_paid_and_not_accounted_for_is_owed_after_the_verantwoording(
    approved, gebiedsregisseur
):
    advance_pay(proposal=approved, actor=gebiedsregisseur, amount="500.00")
    payment_record(proposal=approved, actor=gebiedsregisseur, amount="300.00")
    accounting = factories.AccountingFactory(proposal=approved)
    factories.AccountingLineFactory(accounting=accounting, amount=Decimal("650.00"))
    settlement = accounting_settlement(proposal=approved, accounting=accounting)
    # € 800 paid, € 650 spent: € 150 back; the € 200 never paid is released, not owed.
    assert settlement.to_pay_back == Decimal("150.00")
