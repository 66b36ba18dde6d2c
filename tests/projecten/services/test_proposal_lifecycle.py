from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from projecten.errors import ProposalError
from projecten.models import EventKind, Proposal, ProposalStatus
from projecten.proposals.services import (
    BudgetLineData,
    CoFundingData,
    proposal_create_draft,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
from projecten.review.services import proposal_request_changes
from tests import factories

pytestmark = pytest.mark.django_db


def test_draft_may_be_incomplete_and_belongs_to_the_residents_own_smederij(
    resident, smederij, budget_year
):
    proposal = proposal_create_draft(
        actor=resident, fields={"title": "Halve gedachte", "klap": "korte", "year": 2013}
    )

    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.smederij == smederij
    assert proposal.events.get().kind == EventKind.CREATED


def test_draft_refused_without_a_home_area(budget_year):
    with pytest.raises(PermissionDenied):
        proposal_create_draft(actor=factories.UserFactory(), fields={"title": "x", "klap": "korte"})


def test_draft_for_a_group_needs_membership_and_the_same_area(resident, smederij, budget_year):
    group = factories.GroupFactory(area=smederij.area)
    with pytest.raises(ValidationError) as error:
        proposal_create_draft(actor=resident, fields={"title": "x", "klap": "korte"}, group=group)
    assert "group" in error.value.message_dict

    factories.GroupMembershipFactory(group=group, user=resident)
    assert (
        proposal_create_draft(
            actor=resident, fields={"title": "x", "klap": "korte"}, group=group
        ).group
        == group
    )

    elsewhere = factories.GroupFactory()
    factories.GroupMembershipFactory(group=elsewhere, user=resident)
    with pytest.raises(ValidationError):
        proposal_create_draft(
            actor=resident, fields={"title": "x", "klap": "korte"}, group=elsewhere
        )


def _complete_draft(resident, fields, lines=(("Ballen en baan", "1500.00"),), co_funding=()):
    return proposal_create_draft(
        actor=resident,
        fields=fields,
        budget_lines=[BudgetLineData(d, Decimal(a)) for d, a in lines],
        co_funding=[CoFundingData("sponsor", s, Decimal(a), "promised") for s, a in co_funding],
    )


def test_submit_a_complete_proposal_records_and_notifies(
    resident, complete_fields, professional, gebiedsregisseur, django_capture_on_commit_callbacks
):
    proposal = _complete_draft(resident, complete_fields)

    with django_capture_on_commit_callbacks(execute=True):
        proposal_submit(proposal=proposal, actor=resident)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_at is not None
    event = proposal.events.filter(kind=EventKind.STATUS).get()
    assert (event.from_status, event.to_status, event.actor) == ("draft", "submitted", resident)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([resident.email, professional.email, gebiedsregisseur.email])
    to_wijkteam = next(m for m in mail.outbox if professional.email in m.to)
    assert proposal.get_absolute_url() in to_wijkteam.body


def test_submit_refused_for_an_unverified_account(resident, complete_fields):
    proposal = _complete_draft(resident, complete_fields)
    resident.email_verified_at = None
    resident.save()

    with pytest.raises(PermissionDenied):
        proposal_submit(proposal=proposal, actor=resident)
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_submit_refused_for_someone_else(resident, complete_fields, smederij):
    proposal = _complete_draft(resident, complete_fields)
    neighbour = factories.ResidentFactory(home_area=smederij.area)

    with pytest.raises(PermissionDenied):
        proposal_submit(proposal=proposal, actor=neighbour)


@pytest.mark.parametrize(
    "missing",
    [
        "description",
        "summary",
        "social_side",
        "theme",
        "eigen_inzet",
        "draagvlak",
        "amount_requested",
        "start_date",
    ],
)
def test_submit_refused_while_a_required_field_is_empty(resident, complete_fields, missing):
    complete_fields[missing] = None if missing in {"amount_requested", "start_date"} else ""
    proposal = _complete_draft(resident, complete_fields)

    with pytest.raises(ValidationError) as error:
        proposal_submit(proposal=proposal, actor=resident)

    assert missing in error.value.message_dict
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT


def test_submit_refused_without_budget_lines(resident, complete_fields):
    proposal = _complete_draft(resident, complete_fields, lines=())

    with pytest.raises(ValidationError) as error:
        proposal_submit(proposal=proposal, actor=resident)

    assert "budget_lines" in error.value.message_dict


def test_submit_refused_when_asking_more_than_budget_minus_co_funding(resident, complete_fields):
    complete_fields["amount_requested"] = Decimal("1400.00")
    proposal = _complete_draft(resident, complete_fields, co_funding=[("Bakker", "200.00")])

    with pytest.raises(ValidationError) as error:
        proposal_submit(proposal=proposal, actor=resident)

    [message] = error.value.message_dict["amount_requested"]
    assert "€\xa01.400,00" in message and "€\xa01.300,00" in message


def test_submit_allowed_when_asking_exactly_budget_minus_co_funding(resident, complete_fields):
    complete_fields["amount_requested"] = Decimal("1300.00")
    proposal = _complete_draft(resident, complete_fields, co_funding=[("Bakker", "200.00")])

    assert proposal_submit(proposal=proposal, actor=resident).status == ProposalStatus.SUBMITTED


def test_korte_klap_must_be_done_within_the_budget_year(resident, complete_fields):
    import datetime

    complete_fields["end_date"] = datetime.date(2014, 2, 1)
    proposal = _complete_draft(resident, complete_fields)

    with pytest.raises(ValidationError) as error:
        proposal_submit(proposal=proposal, actor=resident)
    assert "end_date" in error.value.message_dict


def test_lange_klap_needs_goal_duration_partners_and_success_measure(resident, complete_fields):
    complete_fields["klap"] = "lange"
    proposal = _complete_draft(resident, complete_fields)

    with pytest.raises(ValidationError) as error:
        proposal_submit(proposal=proposal, actor=resident)
    assert {"goal", "duration", "partners", "success_measure"} <= set(error.value.message_dict)


def test_submitted_proposal_cannot_be_edited_or_submitted_again(resident, submitted):
    with pytest.raises(PermissionDenied):
        proposal_update(proposal=submitted, actor=resident, fields={"title": "Stiekem anders"})
    with pytest.raises(ProposalError):
        proposal_submit(proposal=submitted, actor=resident)
    assert Proposal.objects.get(pk=submitted.pk).title != "Stiekem anders"


def test_changes_requested_lets_the_submitter_edit_and_resubmit(
    resident, submitted, professional, complete_fields
):
    proposal_request_changes(
        proposal=submitted, actor=professional, message="Graag een offerte erbij."
    )
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.CHANGES_REQUESTED

    proposal_update(
        proposal=submitted,
        actor=resident,
        fields=complete_fields,
        budget_lines=[BudgetLineData("Baan", Decimal("1500.00"))],
    )
    proposal_submit(proposal=submitted, actor=resident)

    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED
    kinds = list(submitted.events.values_list("kind", "to_status", "message"))
    assert ("status", "changes_requested", "Graag een offerte erbij.") in kinds
    assert ("edited", "", "") in kinds
    assert kinds[-1][:2] == ("status", "submitted")


def test_request_changes_refused_for_a_professional_of_another_wijkteam(submitted):
    stranger = factories.WijkteamMembershipFactory().user

    with pytest.raises(PermissionDenied):
        proposal_request_changes(proposal=submitted, actor=stranger, message="Nee")


def test_request_changes_needs_a_message(submitted, professional):
    with pytest.raises(ValidationError):
        proposal_request_changes(proposal=submitted, actor=professional, message="  ")


def test_withdraw_until_the_decision(resident, submitted):
    proposal_withdraw(proposal=submitted, actor=resident, reason="We doen het zelf.")

    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.WITHDRAWN
    assert submitted.events.last().message == "We doen het zelf."


def test_withdraw_refused_after_the_decision(resident, submitted):
    Proposal.objects.filter(pk=submitted.pk).update(status=ProposalStatus.APPROVED)
    submitted.refresh_from_db()

    with pytest.raises(ProposalError):
        proposal_withdraw(proposal=submitted, actor=resident)


def test_withdraw_refused_for_someone_else(submitted, smederij):
    with pytest.raises(PermissionDenied):
        proposal_withdraw(
            proposal=submitted, actor=factories.ResidentFactory(home_area=smederij.area)
        )


def test_status_change_email_to_the_submitter_is_dutch_with_a_link(
    resident, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal_withdraw(proposal=submitted, actor=resident)

    [message] = mail.outbox
    assert message.to == [resident.email]
    assert "ingetrokken" in message.subject
    assert submitted.get_absolute_url() in message.body
