"""The verantwoording: filing it, checking it, what is to be paid back, the reminder before it is due."""

# The fixtures imported from tests.projecten.after_funding are parameters of the tests.
# ruff: noqa: F811

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from budget.models import Grant, Payment, Refund, Release
from projecten.accounting.selectors import accounting_settlement
from projecten.accounting.services import (
    SpendingLineData,
    UploadData,
    accounting_approve,
    accounting_due_date,
    accounting_request_more,
    accounting_submit,
)
from projecten.errors import ProposalError
from projecten.models import Accounting, AccountingStatus, AttachmentKind, EventKind, ProposalStatus
from tests import factories
from tests.projecten.after_funding import DUE, END, running  # noqa: F401 (fixtures)
from tests.projecten.uploads import exe_named_pdf, pdf, png

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def spending(proposal, amounts=("900.00", "450.00")):
    lines = list(proposal.budget_lines.all())
    return [
        SpendingLineData(line.description, Decimal(amount), line.pk)
        for line, amount in zip(lines, amounts, strict=True)
    ]


def submit(proposal, actor, **overrides):
    arguments = {
        "proposal": proposal,
        "actor": actor,
        "report": "De baan ligt er; 40 buren speelden mee op de opening.",
        "participants": 40,
        "lines": spending(proposal),
        "uploads": [UploadData(pdf("bon.pdf"), AttachmentKind.RECEIPT)],
        **overrides,
    }
    return accounting_submit(**arguments)


# --- due date ------------------------------------------------------------------------------


def test_verantwoording_is_due_four_weeks_after_the_end_date(running):
    assert accounting_due_date(running) == DUE == END + datetime.timedelta(days=28)


def test_no_due_date_without_an_end_date(running):
    running.end_date = None
    assert accounting_due_date(running) is None


# --- filing --------------------------------------------------------------------------------


def test_submitter_files_the_verantwoording_and_the_project_is_accounted(
    running, resident, gebiedsregisseur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounting = submit(
            running,
            resident,
            lines=[*spending(running), SpendingLineData("Extra ballen", Decimal("25.50"))],
            uploads=[
                UploadData(pdf("bon.pdf"), AttachmentKind.RECEIPT),
                UploadData(png("opening.png"), AttachmentKind.PHOTO, publish_consent=True),
            ],
        )

    running.refresh_from_db()
    assert running.status == ProposalStatus.ACCOUNTED
    assert accounting.status == AccountingStatus.SUBMITTED
    assert accounting.participants == 40
    assert accounting.spent_total == Decimal("1375.50")
    assert [line.budget_line_id is None for line in accounting.lines.all()] == [
        False,
        False,
        True,
    ]
    kinds = {a.kind: a for a in accounting.attachments.all()}
    assert kinds[AttachmentKind.RECEIPT].content_type == "application/pdf"
    assert kinds[AttachmentKind.PHOTO].publish_consent is True
    assert all(a.proposal_id == running.pk for a in kinds.values())
    event = running.events.get(kind=EventKind.STATUS)
    assert (event.from_status, event.to_status, event.actor) == (
        ProposalStatus.IN_PROGRESS,
        ProposalStatus.ACCOUNTED,
        resident,
    )
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([resident.email, gebiedsregisseur.email])
    to_regisseur = next(m for m in mail.outbox if m.to == [gebiedsregisseur.email])
    assert f"/voorstellen/{running.pk}/verantwoording/" in to_regisseur.body


def test_an_approved_project_not_yet_started_can_be_accounted(running, resident):
    running.status = ProposalStatus.APPROVED
    running.save()
    submit(running, resident)
    running.refresh_from_db()
    assert running.status == ProposalStatus.ACCOUNTED


def test_a_receipt_may_be_an_image(running, resident):
    accounting = submit(running, resident, uploads=[UploadData(png("bon.png"), "receipt")])
    assert accounting.attachments.get().content_type == "image/png"


def test_photo_consent_is_ignored_on_a_receipt(running, resident):
    accounting = submit(
        running, resident, uploads=[UploadData(png("bon.png"), "receipt", publish_consent=True)]
    )
    assert accounting.attachments.get().publish_consent is False


@pytest.mark.parametrize(
    "status",
    [
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
        ProposalStatus.DECIDING,
        ProposalStatus.REJECTED,
        ProposalStatus.CANCELLED,
        ProposalStatus.COMPLETED,
    ],
)
def test_filing_refused_when_the_project_is_not_running(running, resident, status):
    running.status = status
    running.save()
    with pytest.raises(ProposalError):
        submit(running, resident)
    assert not Accounting.objects.exists()


@pytest.mark.parametrize("role", ["initiatiefgroep_member", "professional", "gebiedsregisseur"])
def test_filing_refused_for_anyone_but_the_submitter(running, request, role):
    with pytest.raises(PermissionDenied):
        submit(running, request.getfixturevalue(role))
    running.refresh_from_db()
    assert running.status == ProposalStatus.IN_PROGRESS


def test_filing_twice_is_refused(running, resident):
    submit(running, resident)
    with pytest.raises(ProposalError, match="already been filed"):
        submit(running, resident)
    assert Accounting.objects.count() == 1


def test_filing_refused_without_any_receipt(running, resident):
    with pytest.raises(ValidationError) as error:
        submit(running, resident, uploads=[UploadData(png(), AttachmentKind.PHOTO)])
    assert "uploads" in error.value.message_dict
    assert not Accounting.objects.exists()
    running.refresh_from_db()
    assert running.status == ProposalStatus.IN_PROGRESS


def test_filing_refused_with_a_negative_amount(running, resident):
    lines = [SpendingLineData("Ballen en baan", Decimal("-1.00"), running.budget_lines.first().pk)]
    with pytest.raises(ValidationError) as error:
        submit(running, resident, lines=lines)
    assert "lines" in error.value.message_dict
    assert not Accounting.objects.exists()


def test_nothing_spent_on_a_line_is_zero_and_allowed(running, resident):
    accounting = submit(running, resident, lines=spending(running, ("0.00", "0.00")))
    assert accounting.spent_total == Decimal("0.00")


def test_filing_refused_when_a_receipt_lies_about_its_type(running, resident):
    with pytest.raises(ValidationError) as error:
        submit(running, resident, uploads=[UploadData(exe_named_pdf(), AttachmentKind.RECEIPT)])
    assert "uploads" in error.value.message_dict
    assert not Accounting.objects.exists()


def test_filing_refused_with_a_budget_line_of_another_proposal(running, resident):
    foreign = factories.BudgetLineFactory()
    with pytest.raises(ValidationError) as error:
        submit(running, resident, lines=[SpendingLineData("Bank", Decimal("10.00"), foreign.pk)])
    assert "lines" in error.value.message_dict


@pytest.mark.parametrize(("field", "value"), [("report", "  "), ("participants", -1)])
def test_filing_refused_without_report_or_with_negative_participants(
    running, resident, field, value
):
    with pytest.raises(ValidationError) as error:
        submit(running, resident, **{field: value})
    assert field in error.value.message_dict


def test_filing_refused_for_a_file_that_is_neither_receipt_nor_photo(running, resident):
    with pytest.raises(ValidationError):
        submit(running, resident, uploads=[UploadData(pdf(), AttachmentKind.QUOTE)])


# --- checking: approve, ask for more, file again ---------------------------------------------


@pytest.fixture
def filed(running, resident):
    return submit(running, resident)


def test_gebiedsregisseur_approves_and_the_project_is_completed(
    filed, gebiedsregisseur, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounting_approve(accounting=filed, actor=gebiedsregisseur, message="Netjes.")
    filed.refresh_from_db()
    filed.proposal.refresh_from_db()
    assert filed.status == AccountingStatus.APPROVED
    assert filed.proposal.status == ProposalStatus.COMPLETED
    assert [m.to for m in mail.outbox] == [[resident.email]]


@pytest.mark.parametrize("role", ["resident", "professional", "stuurgroep_member"])
def test_only_the_gebiedsregisseur_checks(filed, request, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        accounting_approve(accounting=filed, actor=user)
    with pytest.raises(PermissionDenied):
        accounting_request_more(accounting=filed, actor=user, message="Bon?")


def test_gebiedsregisseur_of_another_wijkteam_cannot_check(filed, other_smederij):
    other = factories.GebiedsregisseurAssignmentFactory(wijkteam=other_smederij.wijkteam).user
    with pytest.raises(PermissionDenied):
        accounting_approve(accounting=filed, actor=other)


def test_an_approved_verantwoording_cannot_be_approved_again(filed, gebiedsregisseur):
    accounting_approve(accounting=filed, actor=gebiedsregisseur)
    with pytest.raises(ProposalError):
        accounting_approve(accounting=filed, actor=gebiedsregisseur)
    with pytest.raises(ProposalError):
        accounting_request_more(accounting=filed, actor=gebiedsregisseur, message="x")


def test_asking_for_more_needs_a_message(filed, gebiedsregisseur):
    with pytest.raises(ValidationError) as error:
        accounting_request_more(accounting=filed, actor=gebiedsregisseur, message=" ")
    assert "message" in error.value.message_dict


def test_asking_for_more_emails_the_submitter_and_lets_them_file_again(
    filed, gebiedsregisseur, resident, running, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounting_request_more(
            accounting=filed, actor=gebiedsregisseur, message="De bon van het feest ontbreekt."
        )
    filed.refresh_from_db()
    assert filed.status == AccountingStatus.MORE_REQUESTED
    (message,) = mail.outbox
    assert message.to == [resident.email]
    assert "De bon van het feest ontbreekt." in message.body
    assert running.events.filter(kind=EventKind.ACCOUNTING, actor=gebiedsregisseur).exists()

    # Filed again: the same record, lines replaced, the first receipt still counts.
    again = submit(running, resident, lines=spending(running, ("900.00", "500.00")), uploads=[])
    assert again.pk == filed.pk
    again.refresh_from_db()
    assert again.status == AccountingStatus.SUBMITTED
    assert again.spent_total == Decimal("1400.00")
    assert again.lines.count() == 2
    running.refresh_from_db()
    assert running.status == ProposalStatus.ACCOUNTED
    assert running.events.filter(kind=EventKind.ACCOUNTING, actor=resident).exists()


def test_filing_again_is_refused_to_others_than_the_submitter(filed, gebiedsregisseur):
    accounting_request_more(accounting=filed, actor=gebiedsregisseur, message="Bon?")
    with pytest.raises(PermissionDenied):
        submit(filed.proposal, gebiedsregisseur)


# --- money to pay back --------------------------------------------------------------------------


def _grant(proposal, amount="1500.00"):
    return Grant.objects.create(
        budget_year=factories.BudgetYearFactory(year=2013),
        proposal=proposal,
        klap=proposal.klap,
        smederij=proposal.smederij,
        amount=Decimal(amount),
        granted_by=factories.UserFactory(),
    )


def test_without_a_grant_the_amount_asked_minus_spent_is_to_be_paid_back(filed, running):
    settlement = accounting_settlement(proposal=running, accounting=filed)
    assert settlement.from_ledger is False
    assert (settlement.granted, settlement.spent) == (Decimal("1500.00"), Decimal("1350.00"))
    assert settlement.to_pay_back == Decimal("150.00")


def test_with_a_grant_the_ledger_counts_releases_and_refunds(filed, running):
    grant = _grant(running, "1600.00")
    actor = factories.UserFactory()
    Release.objects.create(grant=grant, amount=Decimal("100.00"), recorded_by=actor)
    Payment.objects.create(grant=grant, amount=Decimal("1500.00"), recorded_by=actor)
    Refund.objects.create(grant=grant, amount=Decimal("50.00"), recorded_by=actor)

    settlement = accounting_settlement(proposal=running, accounting=filed)

    assert settlement.from_ledger is True
    assert settlement.granted == Decimal("1500.00")
    assert settlement.to_pay_back == Decimal("100.00")  # 1500 - 1350 spent - 50 already back


def test_spending_more_than_granted_never_gives_a_negative_amount_to_pay_back(running, resident):
    accounting = submit(running, resident, lines=spending(running, ("1200.00", "600.00")))
    assert accounting_settlement(proposal=running, accounting=accounting).to_pay_back == Decimal(
        "0.00"
    )


def test_a_cancelled_project_pays_back_everything_paid(running):
    grant = _grant(running)
    Payment.objects.create(grant=grant, amount=Decimal("700.00"), recorded_by=running.submitter)
    running.status = ProposalStatus.CANCELLED
    running.save()
    assert accounting_settlement(proposal=running).to_pay_back == Decimal("700.00")


def test_a_cancelled_project_without_grant_pays_back_the_amount_asked(running):
    running.status = ProposalStatus.CANCELLED
    running.save()
    assert accounting_settlement(proposal=running).to_pay_back == Decimal("1500.00")
