"""The decision: approve with the grant in one transaction, reject with a motivation, defer;
and the decision letter that follows."""

# The fixtures imported from tests.projecten.decisions_fixtures are parameters of the tests.
# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from budget.errors import BudgetError
from budget.models import Grant
from budget.selectors import share_balance
from projecten.decisions.services import (
    proposal_approve,
    proposal_defer,
    proposal_reject,
    proposal_reopen_deferred,
)
from projecten.errors import ProposalError
from projecten.models import (
    Decision,
    DecisionMethod,
    DecisionOutcome,
    EventKind,
    Klap,
    ProposalStatus,
    VoteBody,
    VoteOutcome,
)
from tests import factories
from tests.projecten.decisions_fixtures import (  # noqa: F401 (fixtures)
    DUE,
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


def _refresh(proposal):
    proposal.refresh_from_db()
    return proposal


# --- approve ----------------------------------------------------------------------------------


def test_approve_grants_the_money_and_records_the_decision(
    deciding, gebiedsregisseur, share, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = proposal_approve(
            proposal=deciding,
            actor=gebiedsregisseur,
            amount=Decimal("1000.00"),
            conditions="Toestemming van de gemeente voor de plek.",
        )

    assert _refresh(deciding).status == ProposalStatus.APPROVED
    grant = Grant.objects.get(proposal=deciding)
    assert grant.amount == Decimal("1000.00")
    assert grant.budget_year.year == 2013
    assert grant.granted_by == gebiedsregisseur
    assert decision.outcome == DecisionOutcome.APPROVED
    assert decision.amount == Decimal("1000.00")
    assert decision.vote is not None and decision.vote.outcome == VoteOutcome.ADOPTED
    assert decision.proposal.accounting_due == DUE
    assert share_balance(share=share).free == Decimal("6500.00")
    kinds = list(deciding.events.values_list("kind", flat=True))
    assert EventKind.DECISION in kinds and EventKind.STATUS in kinds
    # One email: the decision letter, not a second status email.
    assert len(mail.outbox) == 1


def test_approve_refused_above_the_amount_asked(deciding, gebiedsregisseur):
    with pytest.raises(ValidationError) as error:
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1250.01")
    assert error.value.error_dict["amount"][0].code == "amount_above_asked"
    assert "asked €\u00a01.250,00" in error.value.message_dict["amount"][0]
    assert _refresh(deciding).status == ProposalStatus.DECIDING
    assert not Grant.objects.exists() and not Decision.objects.exists()


def test_approve_refused_for_zero(deciding, gebiedsregisseur):
    with pytest.raises(ValidationError):
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="0")


def test_approve_when_the_pot_is_empty_leaves_the_proposal_undecided(
    deciding, gebiedsregisseur, smederij, resident, django_capture_on_commit_callbacks
):
    # Another proposal takes € 7.000 of the € 7.500: € 500 is left for € 1.250 asked.
    other = make_deciding(smederij, resident, amount="7000.00")
    closed_vote(other)
    proposal_approve(proposal=other, actor=gebiedsregisseur, amount="7000.00")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(BudgetError) as error:
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1250.00")

    assert error.value.code == "insufficient_budget"
    assert "asked €\u00a01.250,00, available €\u00a0500,00" in error.value.message
    assert _refresh(deciding).status == ProposalStatus.DECIDING
    assert not Grant.objects.filter(proposal=deciding).exists()
    assert not Decision.objects.filter(proposal=deciding).exists()
    assert not deciding.events.filter(kind__in=[EventKind.DECISION, EventKind.STATUS]).exists()
    assert mail.outbox == []


def test_approve_refused_without_a_closed_vote(
    in_june_2013, smederij, resident, share, gebiedsregisseur
):
    proposal = make_deciding(smederij, resident)
    with pytest.raises(ProposalError, match="not voted"):
        proposal_approve(proposal=proposal, actor=gebiedsregisseur, amount="100.00")
    assert _refresh(proposal).status == ProposalStatus.DECIDING


def test_approve_refused_while_the_vote_is_still_open(
    in_june_2013, smederij, resident, share, gebiedsregisseur
):
    proposal = make_deciding(smederij, resident)
    vote = closed_vote(proposal)
    vote.closed_at, vote.outcome = None, ""
    vote.save()
    with pytest.raises(ProposalError):
        proposal_approve(proposal=proposal, actor=gebiedsregisseur, amount="100.00")


def test_lange_klap_needs_a_stuurgroep_vote(in_june_2013, smederij, resident, gebiedsregisseur):
    proposal = make_deciding(smederij, resident, klap=Klap.LANGE, amount="20000.00")
    closed_vote(proposal, body=VoteBody.INITIATIEFGROEP)
    with pytest.raises(ProposalError, match="stuurgroep"):
        proposal_approve(proposal=proposal, actor=gebiedsregisseur, amount="20000.00")


def test_lange_klap_draws_from_the_lange_klap_pot(
    in_june_2013, smederij, resident, gebiedsregisseur, budget_year
):
    proposal = make_deciding(smederij, resident, klap=Klap.LANGE, amount="20000.00")
    closed_vote(proposal, body=VoteBody.STUURGROEP)
    decision = proposal_approve(
        proposal=proposal,
        actor=gebiedsregisseur,
        amount="20000.00",
        conditional_on_co_funding=True,
    )
    grant = Grant.objects.get(proposal=proposal)
    assert grant.klap == Klap.LANGE and grant.smederij is None
    assert decision.conditional_on_co_funding


def test_korte_klap_cannot_wait_for_co_funding(deciding, gebiedsregisseur):
    with pytest.raises(ValidationError) as error:
        proposal_approve(
            proposal=deciding,
            actor=gebiedsregisseur,
            amount="1000.00",
            conditional_on_co_funding=True,
        )
    assert "conditional_on_co_funding" in error.value.error_dict


def test_korte_klap_in_an_election_smederij_is_not_decided_here(
    deciding, gebiedsregisseur, smederij
):
    DecisionMethod.objects.create(smederij=smederij, year=2013, method="election")
    with pytest.raises(ProposalError, match="election"):
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")


def test_approving_against_the_vote_needs_a_motivation(
    in_june_2013, smederij, resident, share, gebiedsregisseur
):
    proposal = make_deciding(smederij, resident)
    closed_vote(proposal, outcome=VoteOutcome.NOT_ADOPTED)
    with pytest.raises(ValidationError) as error:
        proposal_approve(proposal=proposal, actor=gebiedsregisseur, amount="1000.00")
    assert error.value.error_dict["motivation"][0].code == "motivation_against_vote"

    decision = proposal_approve(
        proposal=proposal,
        actor=gebiedsregisseur,
        amount="1000.00",
        motivation="The wijkteam's advice was positive and the vote was close.",
    )
    assert decision.motivation.startswith("The wijkteam")


def test_approve_refused_for_gebiedsregisseur_of_another_wijkteam(deciding, other_smederij):
    other = factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user
    with pytest.raises(PermissionDenied):
        proposal_approve(proposal=deciding, actor=other, amount="1000.00")
    assert _refresh(deciding).status == ProposalStatus.DECIDING


@pytest.mark.parametrize("role", ["professional", "stuurgroep_member", "resident"])
def test_approve_refused_for_others_than_the_gebiedsregisseur(deciding, role, request):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        proposal_approve(proposal=deciding, actor=user, amount="1000.00")


def test_approve_refused_when_not_being_decided(deciding, gebiedsregisseur):
    deciding.status = ProposalStatus.IN_REVIEW
    deciding.save()
    with pytest.raises(ProposalError):
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")


def test_a_second_approval_is_refused(deciding, gebiedsregisseur):
    proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    with pytest.raises(ProposalError):
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    assert Grant.objects.filter(proposal=deciding).count() == 1


# --- reject and defer -------------------------------------------------------------------------


def test_reject_with_motivation(deciding, gebiedsregisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = proposal_reject(
            proposal=deciding, actor=gebiedsregisseur, motivation="Geen sociale kant."
        )
    assert _refresh(deciding).status == ProposalStatus.REJECTED
    assert decision.outcome == DecisionOutcome.REJECTED and decision.amount is None
    assert not Grant.objects.exists()
    assert "Geen sociale kant." in mail.outbox[0].body


@pytest.mark.parametrize("motivation", ["", "   "])
def test_reject_refused_without_motivation(deciding, gebiedsregisseur, motivation):
    with pytest.raises(ValidationError) as error:
        proposal_reject(proposal=deciding, actor=gebiedsregisseur, motivation=motivation)
    assert error.value.error_dict["motivation"][0].code == "motivation_required"
    assert _refresh(deciding).status == ProposalStatus.DECIDING


def test_reject_refused_for_a_professional(deciding, professional):
    with pytest.raises(PermissionDenied):
        proposal_reject(proposal=deciding, actor=professional, motivation="Nee.")


def test_defer_moves_the_proposal_to_next_year_without_money(
    deciding, gebiedsregisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = proposal_defer(proposal=deciding, actor=gebiedsregisseur)
    assert _refresh(deciding).status == ProposalStatus.DEFERRED
    assert decision.outcome == DecisionOutcome.DEFERRED
    assert not Grant.objects.exists()
    assert "2014" in mail.outbox[0].body


def test_defer_refused_for_a_stuurgroep_member(deciding, stuurgroep_member):
    with pytest.raises(PermissionDenied):
        proposal_defer(proposal=deciding, actor=stuurgroep_member)


def test_deferred_proposal_is_taken_up_again_once_next_year_is_open(
    deciding, gebiedsregisseur, professional, django_capture_on_commit_callbacks
):
    proposal_defer(proposal=deciding, actor=gebiedsregisseur)
    year = deciding.year
    with pytest.raises(ProposalError, match=f"Budget year {year + 1} is not open yet"):
        proposal_reopen_deferred(proposal=deciding, actor=gebiedsregisseur)
    assert _refresh(deciding).status == ProposalStatus.DEFERRED

    factories.BudgetYearFactory(year=year + 1)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_reopen_deferred(proposal=deciding, actor=gebiedsregisseur)

    proposal = _refresh(deciding)
    assert (proposal.status, proposal.year) == (ProposalStatus.SUBMITTED, year + 1)
    with translation.override("en"):
        assert proposal.events.last().text == f"Taken up again for {year + 1}."
    assert any(professional.email in message.to for message in mail.outbox)


def test_only_a_deferred_proposal_is_taken_up_again(deciding, gebiedsregisseur):
    with pytest.raises(ProposalError):
        proposal_reopen_deferred(proposal=deciding, actor=gebiedsregisseur)


def test_taking_up_again_refused_for_others(deciding, gebiedsregisseur, professional):
    proposal_defer(proposal=deciding, actor=gebiedsregisseur)
    factories.BudgetYearFactory(year=deciding.year + 1)
    with pytest.raises(PermissionDenied):
        proposal_reopen_deferred(proposal=deciding, actor=professional)


# --- the decision letter ----------------------------------------------------------------------


def test_decision_letter_states_amount_conditions_deadline_and_link(
    deciding, gebiedsregisseur, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal_approve(
            proposal=deciding,
            actor=gebiedsregisseur,
            amount=Decimal("1234.56"),
            conditions="Buren helpen bij de aanleg.",
        )
    [message] = mail.outbox
    assert message.to == [resident.email]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "€\u00a01.234,56" in body
        assert "Buren helpen bij de aanleg." in body
        assert DUE.strftime("%d-%m-%Y") in body
        assert f"/voorstellen/{deciding.pk}/besluit/" in body
    assert deciding.title in message.subject


def test_decision_letter_is_in_dutch_by_default(
    deciding, gebiedsregisseur, django_capture_on_commit_callbacks
):
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    [message] = mail.outbox
    assert "€\u00a01.000,00" in message.body


def test_no_letter_when_the_approval_rolls_back(
    deciding, gebiedsregisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="99999.00")
    assert mail.outbox == []


def test_accounting_due_is_empty_without_an_end_date(deciding, gebiedsregisseur):
    deciding.end_date = None
    deciding.save()
    decision = proposal_approve(proposal=deciding, actor=gebiedsregisseur, amount="1000.00")
    assert decision.proposal.accounting_due is None
    assert decision.decided_at.date() >= datetime.date(2013, 6, 15)
